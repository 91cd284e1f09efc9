// LD_PRELOAD shim for tests/cli/no_exchange.sh: a file system without renameat2's
// RENAME_EXCHANGE and RENAME_NOREPLACE (some network and FUSE mounts answer EINVAL), so
// that the fallback path of io::write_directory_atomically runs.
#include <cerrno>
#include <cstdio>

extern "C" int renameat2(int, const char*, int, const char*, unsigned int) {
  errno = EINVAL;
  return -1;
}
