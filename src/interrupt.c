/*
 * interrupt — what a signal does to a run, and what an interrupted run left.
 * See interrupt.h.
 */
#include "coopreport/interrupt.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coopreport/text.h"
#include "coopreport/workbook.h"

static const int INTERRUPT_SIGNALS[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
#define INTERRUPT_SIGNAL_COUNT (sizeof INTERRUPT_SIGNALS / sizeof *INTERRUPT_SIGNALS)

static volatile sig_atomic_t interrupt_caught;
static volatile sig_atomic_t interrupt_mode_now;
static volatile sig_atomic_t interrupt_parent;
static struct sigaction interrupt_previous[INTERRUPT_SIGNAL_COUNT];
static bool interrupt_installed;

static void interrupt_on_signal(int signal_number)
{
    if (!interrupt_caught)
        interrupt_caught = signal_number;
    if (interrupt_mode_now == INTERRUPT_RECORD)
        return;
    /* Only async-signal-safe calls from here on: unlink, getppid, kill,
     * write, _exit. */
    int saved = errno;
    workbook_abandon_temporary();
    if (interrupt_parent && getppid() == (pid_t)interrupt_parent)
        kill((pid_t)interrupt_parent, signal_number);
    if (interrupt_mode_now == INTERRUPT_EXIT_SAYING && signal_number != SIGPIPE) {
        static const char message[] = "interrupted: no partial workbook was left\n";
        ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
        (void)ignored;
    }
    errno = saved;
    _exit(128 + signal_number);
}

void interrupt_install(enum interrupt_mode mode)
{
    interrupt_caught = 0;
    interrupt_mode_now = mode;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = interrupt_on_signal;
    sigemptyset(&action.sa_mask);
    /* One handler at a time: a second signal waits for the first to be handled. */
    for (size_t i = 0; i < INTERRUPT_SIGNAL_COUNT; i++)
        sigaddset(&action.sa_mask, INTERRUPT_SIGNALS[i]);
    /* No SA_RESTART: a blocking read or waitpid must wake up to see the signal. */
    for (size_t i = 0; i < INTERRUPT_SIGNAL_COUNT; i++)
        sigaction(INTERRUPT_SIGNALS[i], &action, interrupt_installed ? NULL : &interrupt_previous[i]);
    interrupt_installed = true;
}

void interrupt_restore(void)
{
    if (!interrupt_installed)
        return;
    for (size_t i = 0; i < INTERRUPT_SIGNAL_COUNT; i++)
        sigaction(INTERRUPT_SIGNALS[i], &interrupt_previous[i], NULL);
    interrupt_installed = false;
    interrupt_parent = 0;
}

void interrupt_forward_to(pid_t parent)
{
    interrupt_parent = parent;
}

int interrupt_signal(void)
{
    return interrupt_caught;
}

void interrupt_record(int signal_number)
{
    if (!interrupt_caught)
        interrupt_caught = signal_number;
}

bool interrupt_is_handled(int signal_number)
{
    for (size_t i = 0; i < INTERRUPT_SIGNAL_COUNT; i++)
        if (INTERRUPT_SIGNALS[i] == signal_number)
            return true;
    return false;
}

int interrupt_exit_status(void)
{
    return 128 + interrupt_caught;
}

bool interrupt_may_speak(void)
{
    return interrupt_caught != SIGPIPE;
}

void interrupt_block(sigset_t *previous)
{
    sigset_t signals;
    sigemptyset(&signals);
    for (size_t i = 0; i < INTERRUPT_SIGNAL_COUNT; i++)
        sigaddset(&signals, INTERRUPT_SIGNALS[i]);
    sigprocmask(SIG_BLOCK, &signals, previous);
}

void interrupt_unblock(const sigset_t *previous)
{
    sigprocmask(SIG_SETMASK, previous, NULL);
}

int interrupt_lock(const char *path)
{
    int descriptor = open(path, O_RDONLY | O_CLOEXEC);
    if (descriptor < 0)
        return -1;
    if (flock(descriptor, LOCK_EX | LOCK_NB) != 0) {
        close(descriptor);
        return -1;
    }
    return descriptor;
}

void interrupt_remove_folder(const char *folder)
{
    DIR *directory = opendir(folder);
    if (!directory)
        return;
    struct dirent *entry;
    while ((entry = readdir(directory)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char *path = text_format("%s/%s", folder, entry->d_name);
        if (path)
            unlink(path);
        free(path);
    }
    closedir(directory);
    rmdir(folder);
}

/* The PID in ".NAME.PID.tmp" or ".coopreport-parts.PID"; 0 when the name is
 * neither. */
static long interrupt_leftover_pid(const char *name, bool *folder)
{
    size_t length = strlen(name);
    const char *digits;
    size_t count;
    size_t prefix = strlen(INTERRUPT_PARTS_PREFIX);
    if (strncmp(name, INTERRUPT_PARTS_PREFIX, prefix) == 0) {
        *folder = true;
        digits = name + prefix;
        count = length - prefix;
    } else if (name[0] == '.' && length > 6 && strcmp(name + length - 4, ".tmp") == 0) {
        *folder = false;
        const char *end = name + length - 4;
        digits = end;
        while (digits > name + 1 && digits[-1] >= '0' && digits[-1] <= '9')
            digits--;
        count = (size_t)(end - digits);
        if (digits == end || digits[-1] != '.' || digits - 1 <= name + 1)
            return 0;
        /* Only the shape of our own temporary workbooks, ".NAME.xlsx.PID.tmp":
         * a user's ".notes.123.tmp" is not ours to delete. */
        size_t before = (size_t)(digits - 1 - name);
        if (before < 6 || strncmp(digits - 1 - 5, ".xlsx", 5) != 0)
            return 0;
    } else {
        return 0;
    }
    if (count == 0 || count > 9)
        return 0;
    long pid = 0;
    for (size_t i = 0; i < count; i++) {
        if (digits[i] < '0' || digits[i] > '9')
            return 0;
        pid = pid * 10 + (digits[i] - '0');
    }
    return pid;
}

/* Whether a file looks like a workbook being written: empty (created, not
 * yet filled) or a zip file, so that no file of the user's that happens to be
 * named like one is removed. */
static bool interrupt_is_partial_workbook(const char *path)
{
    unsigned char start[4];
    FILE *file = fopen(path, "rb");
    if (!file)
        return false;
    size_t got = fread(start, 1, sizeof start, file);
    fclose(file);
    return got == 0 || (got == 4 && memcmp(start, "PK\3\4", 4) == 0);
}

/* Whether a process of that PID runs on this machine (one of another user's
 * counts: kill says EPERM). */
static bool interrupt_process_alive(long pid)
{
    return pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

int interrupt_remove_stale(const char *folder)
{
    DIR *directory = opendir(folder && *folder ? folder : ".");
    if (!directory)
        return 0;
    int removed = 0;
    struct dirent *entry;
    while ((entry = readdir(directory)) != NULL) {
        bool is_folder = false;
        long pid = interrupt_leftover_pid(entry->d_name, &is_folder);
        if (pid <= 0 || interrupt_process_alive(pid))
            continue;
        char *path = text_format("%s/%s", folder && *folder ? folder : ".", entry->d_name);
        struct stat status;
        /* A lock still held means a live process, perhaps on another machine
         * sharing the folder, that has the same PID as a dead one here. */
        int lock = path && lstat(path, &status) == 0 &&
                           (S_ISDIR(status.st_mode) == is_folder) && !S_ISLNK(status.st_mode)
                       ? interrupt_lock(path) : -1;
        if (lock >= 0 && (is_folder || interrupt_is_partial_workbook(path))) {
            if (is_folder)
                interrupt_remove_folder(path);
            else
                unlink(path);
            if (lstat(path, &status) != 0) {
                removed++;
                fprintf(stderr, "coopreport: removed %s, left by an interrupted run "
                                    "(process %ld has ended)\n", path, pid);
            }
        }
        if (lock >= 0)
            close(lock);
        free(path);
    }
    closedir(directory);
    return removed;
}

int interrupt_remove_stale_beside(const char *path)
{
    char *folder = text_folder_of(path);
    int removed = folder ? interrupt_remove_stale(folder) : 0;
    free(folder);
    return removed;
}
