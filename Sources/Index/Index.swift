// Index
