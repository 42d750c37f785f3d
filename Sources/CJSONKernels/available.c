// Which CPUs run the kernels: those with every feature of HS_KERNEL_FEATURES (kernels_common.h).
#include "kernels_common.h"

#ifdef HS_KERNELS

#define HS_CPU_SUPPORTS(name) __builtin_cpu_supports(name)

bool hs_json_kernels_available(void) {
    static int available = -1;
    if (available < 0) {
        __builtin_cpu_init();
        available = HS_KERNEL_FEATURES(HS_CPU_SUPPORTS, &&);
    }
    return available;
}

#else

bool hs_json_kernels_available(void) { return false; }

#endif
