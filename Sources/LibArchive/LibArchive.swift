// LibArchive
