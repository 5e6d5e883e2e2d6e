// LZMA
