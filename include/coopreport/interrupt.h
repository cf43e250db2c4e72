/*
 * interrupt — what a signal does to a run, and what an interrupted run left.
 *
 * SIGINT (Ctrl-C), SIGTERM, SIGHUP (the terminal closed), SIGQUIT and SIGPIPE
 * (the reader of stdout or stderr went away) end a run with status 128 + the
 * signal's number and leave no partial file behind. The handlers only record
 * the signal, or remove the file being written from a path built beforehand
 * and end the process: nothing in them allocates or uses stdio.
 *
 * What only a hard kill (kill -9, power loss) leaves — hidden temporary
 * workbooks ".NAME.PID.tmp" and batch part folders ".coopreport-parts.PID" in
 * the output folder — a later run removes once their process is gone.
 */
#ifndef COOPREPORT_INTERRUPT_H
#define COOPREPORT_INTERRUPT_H

#include <signal.h>
#include <stdbool.h>

/* The hidden folder of a batch's part files, beside its workbooks, followed by
 * the PID of the run that made it. */
#define INTERRUPT_PARTS_PREFIX ".coopreport-parts."

enum interrupt_mode {
    INTERRUPT_RECORD,        /* only record the signal: the caller stops and cleans up */
    INTERRUPT_EXIT,          /* remove the workbook being written and exit at once */
    INTERRUPT_EXIT_SAYING,   /* the same, saying so on stderr (unless stderr is gone) */
};

/* Installs the handlers of the five signals; interrupt_restore() puts the
 * previous ones back. The recorded signal is cleared. */
void interrupt_install(enum interrupt_mode mode);
void interrupt_restore(void);

/* A process that exits in its handler (a batch worker) also passes the
 * signal on to `parent`, so that a SIGPIPE only the worker saw stops the run. */
void interrupt_forward_to(pid_t parent);

/* The signal caught (the first one), 0 when none. */
int interrupt_signal(void);
/* Records a signal learnt otherwise (a worker that ended because of it), unless
 * one was recorded already. */
void interrupt_record(int signal_number);
/* Whether signal_number is one of the five. */
bool interrupt_is_handled(int signal_number);
/* 128 + the signal caught. */
int interrupt_exit_status(void);
/* False after SIGPIPE: stderr may be a pipe nobody reads, so say nothing. */
bool interrupt_may_speak(void);

/* Blocks the five signals (the previous mask in `previous`), and restores. */
void interrupt_block(sigset_t *previous);
void interrupt_unblock(const sigset_t *previous);

/* Opens `path` (a file or a folder) and takes an exclusive lock on it that
 * lasts while the descriptor is open in this process or its children: a file
 * still locked is not stale. Returns the descriptor, -1 when it cannot. */
int interrupt_lock(const char *path);

/* Removes a folder of part files and the files in it. */
void interrupt_remove_folder(const char *folder);

/* Removes from `folder` the temporary workbooks (".NAME.xlsx.PID.tmp") and
 * part folders left by runs whose process is gone and that no process holds,
 * saying so on stderr (with --quiet too: files vanish from the user's folder).
 * Returns how many were removed. */
int interrupt_remove_stale(const char *folder);
/* The same in the folder of the file `path` (a workbook about to be written). */
int interrupt_remove_stale_beside(const char *path);

#endif
