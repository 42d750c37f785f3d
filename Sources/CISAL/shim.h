#ifndef HSARCHIVE_CISAL_SHIM_H
#define HSARCHIVE_CISAL_SHIM_H
#include <isa-l/igzip_lib.h>
#endif
