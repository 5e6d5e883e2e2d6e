#include "lazy_loader.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

void *debwork_lazy_symbol(struct debwork_lazy_library *library, const char *name) {
    pthread_mutex_lock(&library->lock);
    if (!library->handle) {
        const char *error = "no candidate";
        for (const char *const *candidate = library->candidates; *candidate && !library->handle; candidate++) {
            library->handle = dlopen(*candidate, RTLD_NOW | RTLD_LOCAL);
            if (!library->handle) error = dlerror();
        }
        if (!library->handle) {
            fprintf(stderr, "E: cannot load %s (%s): %s\n", library->label, library->candidates[0], error);
            exit(1);
        }
    }
    void *handle = library->handle;
    pthread_mutex_unlock(&library->lock);
    dlerror();
    void *symbol = dlsym(handle, name);
    if (!symbol) {
        const char *error = dlerror();
        fprintf(stderr, "E: %s has no function %s: %s\n", library->label, name, error ? error : "not found");
        exit(1);
    }
    return symbol;
}
