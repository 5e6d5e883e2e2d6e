#pragma once
// libsolv and libsolvext, loaded on first use by the trampolines in lazy.c (see scripts/generate-lazy-shims.py).
#include <stdio.h>
#include <solv/pool.h>
#include <solv/poolarch.h>
#include <solv/repo.h>
#include <solv/repo_deb.h>
#include <solv/solver.h>
#include <solv/problems.h>
#include <solv/rules.h>
#include <solv/queue.h>
#include <solv/knownid.h>

// libsolv's dependency ids are macros Swift cannot import; these are the same expressions as functions.

/// ISRELDEP(id): whether a dependency id names a relation (name op evr, a | b, name:any) rather than a string.
static inline int debwork_solv_isreldep(Id id) { return ISRELDEP(id); }

/// GETRELDEP(pool, id): the relation a relation id names.
static inline Reldep *debwork_solv_getreldep(Pool *pool, Id id) { return GETRELDEP(pool, id); }
