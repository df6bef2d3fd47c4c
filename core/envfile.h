/* --env-file: KEY=VALUE lines loaded into the environment before the cores
 * start, without overriding variables already set (as Node does). */
#ifndef SH_ENVFILE_H
#define SH_ENVFILE_H

/* Returns 0 or -errno (the file could not be read). */
int sh_envfile_load(const char *path);

#endif
