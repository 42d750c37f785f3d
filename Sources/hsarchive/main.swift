HSArchive.runMain()
