#include "genn.h"

uint32_t genn_abi_version(void) {
    return GENN_ABI_VERSION;
}
