// Which CPUs run the kernels.
#include "kernels_common.h"

#ifdef HS_KERNELS

bool hs_json_kernels_available(void) {
    static int available = -1;
    if (available < 0) {
        __builtin_cpu_init();
        available = __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi")
            && __builtin_cpu_supports("avx512vbmi2")
            && __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt")
            && __builtin_cpu_supports("pclmul");
    }
    return available;
}

#else

bool hs_json_kernels_available(void) { return false; }

#endif
