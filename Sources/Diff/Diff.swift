// Text diffing: Myers diff, GNU unified format, word diff, diffstat. Pure Swift, no I/O.
