/*
 * ini_position — where a section or key sits in an INI file.
 *
 * iniparser gives values but no positions; diagnostics need the line. This
 * scans the file's lines for the "[section]" header and the "key =" line
 * inside it, the way iniparser reads them (case-insensitive names, ';' and
 * '#' comments). It is used for error messages only, never to read values.
 */
#ifndef COOPREPORT_INI_POSITION_H
#define COOPREPORT_INI_POSITION_H

/* The 1-based line of `key` in `[section]`, or of the section header when key
 * is NULL; 0 when the file cannot be read or the name is not found. A NULL
 * section gives 0. */
long ini_locate_line(const char *path, const char *section, const char *key);

#endif
