#!/usr/bin/env python3
"""Writes the lazy-loading shims of the C modules CArchive, CCrypto, CSolv and CPCRE2.

debwork's query calls (ls, show, search, …) never open an archive or hash a file, yet linking
libarchive (which pulls libxml2, ICU, nettle, acl, …) and libcrypto costs every process several
milliseconds of dynamic loading. So the executable does not link them: CArchive and CCrypto define
each function the Swift wrappers call as a trampoline that loads the real library with dlopen()
on first use and jumps to it.

The trampolines are generated from the real headers (clang's JSON AST gives every parameter's type)
for exactly the functions Sources/ uses; run this after using a new libarchive or libcrypto function:

    scripts/generate-lazy-shims.py

It rewrites Sources/CArchive/lazy.c, Sources/CCrypto/lazy.c, Sources/CSolv/lazy.c and Sources/CPCRE2/lazy.c. Functions the
headers define inline get no trampoline; the exported functions those inline ones call are listed by hand
(a link that misses one fails with an undefined reference naming it).
"""
import json
import os
import re
import subprocess
import sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MODULES = [
    # module, wrapper targets that call it, headers, symbol pattern, libraries to try, label,
    # functions reached only through the headers' inline functions
    ("CArchive", ["LibArchive"], ["archive.h", "archive_entry.h"], r"\barchive_[a-z0-9_]+(?=\()",
     ["libarchive.so.13", "libarchive.so"], "libarchive", []),
    ("CCrypto", ["Digest"], ["openssl/evp.h"], r"\bEVP_[A-Za-z0-9_]+(?=\()",
     ["libcrypto.so.3", "libcrypto.so"], "libcrypto", []),
    # libsolvext (repo_add_debpackages) links libsolv and, on Debian, librpm, liblua, libgcrypt, …: ten
    # libraries every call paid for at start-up. dlsym() on libsolvext's handle also finds libsolv's functions.
    ("CSolv", ["Solv"], ["solv/pool.h", "solv/poolarch.h", "solv/repo.h", "solv/repo_deb.h", "solv/solver.h",
                         "solv/problems.h", "solv/rules.h", "solv/queue.h"],
     r"\b(?:pool|repo|solver|solvable|queue)_[a-z0-9_]+(?=\()",
     ["libsolvext.so.1", "libsolvext.so"], "libsolv", ["queue_alloc_one", "pool_addrelproviders"]),
    # PCRE2's header names each function through a macro adding the code-unit width: Swift calls the 8-bit names.
    ("CPCRE2", ["PCRE2"], ["pcre2.h"], r"\bpcre2_[a-z0-9_]+_8(?=\()",
     ["libpcre2-8.so.0", "libpcre2-8.so"], "libpcre2", []),
]

# Defines a module's headers need before they are included.
PRELUDES = {"CPCRE2": "#define PCRE2_CODE_UNIT_WIDTH 8\n"}


def used_functions(targets, pattern):
    names = set()
    for target in targets:
        for root, _, files in os.walk(os.path.join(top, "Sources", target)):
            for name in files:
                if name.endswith(".swift"):
                    with open(os.path.join(root, name), encoding="utf-8") as handle:
                        names.update(re.findall(pattern, handle.read()))
    return sorted(names)


def declarations(headers, prelude=""):
    source = prelude + "".join(f"#include <{header}>\n" for header in headers)
    ast = subprocess.run(["clang", "-x", "c", "-Xclang", "-ast-dump=json", "-fsyntax-only", "-"],
                         input=source, capture_output=True, text=True, check=True).stdout
    found = {}
    for node in json.loads(ast).get("inner", []):
        if node.get("kind") != "FunctionDecl" or node.get("inline"):
            continue
        params = [p["type"]["qualType"] for p in node.get("inner", []) if p.get("kind") == "ParmVarDecl"]
        result = node["type"]["qualType"].split("(")[0].strip()
        variadic = node["type"]["qualType"].rstrip().endswith("...)")
        found[node["name"]] = (result, params, variadic)
    return found


def inline_functions(headers, prelude=""):
    """The functions the headers define inline (no symbol to forward to)."""
    source = prelude + "".join(f"#include <{header}>\n" for header in headers)
    ast = subprocess.run(["clang", "-x", "c", "-Xclang", "-ast-dump=json", "-fsyntax-only", "-"],
                         input=source, capture_output=True, text=True, check=True).stdout
    return {node["name"] for node in json.loads(ast).get("inner", [])
            if node.get("kind") == "FunctionDecl" and node.get("inline")}


def trampoline(name, result, params, variadic):
    if variadic:
        sys.exit(f"{name} is variadic: a trampoline cannot forward it")
    arguments = ", ".join(f"__typeof__({ptype}) a{i}" for i, ptype in enumerate(params)) or "void"
    forwarded = ", ".join(f"a{i}" for i in range(len(params)))
    call = f"DEBWORK_LAZY_TARGET({name})({forwarded})"
    body = f"{call};" if result == "void" else f"return {call};"
    return f"__typeof__({result}) {name}({arguments}) {{\n    {body}\n}}\n"


def main():
    for module, targets, headers, pattern, libraries, label, reached_inline in MODULES:
        prelude = PRELUDES.get(module, "")
        known = declarations(headers, prelude)
        inline = inline_functions(headers, prelude)
        names = sorted(set(n for n in used_functions(targets, pattern) if n not in inline) | set(reached_inline))
        missing = [n for n in names if n not in known]
        if missing:
            sys.exit(f"{module}: not declared by {headers}: {missing}")
        includes = prelude + "".join(f"#include <{h}>\n" for h in headers)
        candidates = ", ".join(f'"{lib}"' for lib in libraries)
        out = [f"""// Generated by scripts/generate-lazy-shims.py from {", ".join(headers)}; do not edit.
//
// Trampolines for the {len(names)} {label} functions debwork calls: {label} is loaded with dlopen() on the
// first call, so calls that never need it do not pay for loading it (and its dependencies) at start-up.
#include "lazy_loader.h"
{includes}
static const char *const debwork_libraries[] = {{{candidates}, 0}};
static struct debwork_lazy_library debwork_library = DEBWORK_LAZY_LIBRARY("{label}", debwork_libraries);
#define DEBWORK_LAZY_TARGET(name) DEBWORK_LAZY_RESOLVE(debwork_library, name)
"""]
        for name in names:
            out.append(trampoline(name, *known[name]))
        with open(os.path.join(top, "Sources", module, "lazy.c"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(out))
        print(f"{module}: {len(names)} trampolines")


main()
