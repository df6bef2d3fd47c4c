/* Signals: blocked in every thread (set up before any thread starts) and read
 * from one signalfd by the main thread, which forwards them to the cores
 * that listen, or applies the default action when none does. */
#ifndef SH_SIGNALS_H
#define SH_SIGNALS_H

/* Blocks the forwarded signals in the calling (main) thread, ignores
 * SIGPIPE, and opens the signalfd. Returns its descriptor or -errno. */
int sh_signals_init(void);
/* A core started (+1) or stopped (-1) listening for signo. Any thread. */
void sh_signals_listen(int signo, int delta);
int sh_signals_listeners(int signo);
/* Reads one signal from the signalfd; returns its number or -errno. */
int sh_signals_read(int fd);
/* The default action for signo, as if shard had never caught it: for a
 * terminating signal the process dies by it (the shell sees 128+signo). */
void sh_signals_default_action(int signo);
/* Restores default dispositions and an empty mask (for children). */
void sh_signals_reset_for_child(void);

#endif
