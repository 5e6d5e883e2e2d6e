#pragma once
// Loading a C library on first use (dlopen), for the trampolines of CArchive and CCrypto.
#include <pthread.h>

/// One library loaded on demand: the first name in `candidates` that dlopen() accepts.
struct debwork_lazy_library {
    const char *label;
    const char *const *candidates;
    pthread_mutex_t lock;
    void *handle;
};

#define DEBWORK_LAZY_LIBRARY(label, candidates) { (label), (candidates), PTHREAD_MUTEX_INITIALIZER, 0 }

/// The address of `name` in `library`, loading the library first if needed. A library or symbol that
/// cannot be found ends the process with one `E:` line on stderr (an installation problem, not an input one).
void *debwork_lazy_symbol(struct debwork_lazy_library *library, const char *name);

/// The real function behind trampoline `name`, resolved once and cached (GNU statement expression).
#define DEBWORK_LAZY_RESOLVE(library, name)                                                         \
    (*({                                                                                          \
        static __typeof__(&name) debwork_cached;                                                  \
        __typeof__(&name) debwork_function = __atomic_load_n(&debwork_cached, __ATOMIC_ACQUIRE);  \
        if (!debwork_function) {                                                                  \
            debwork_function = (__typeof__(&name))debwork_lazy_symbol(&(library), #name);         \
            __atomic_store_n(&debwork_cached, debwork_function, __ATOMIC_RELEASE);                \
        }                                                                                         \
        debwork_function;                                                                         \
    }))
