package mnist

// Internals for the tests of package mnist_test (which may import
// mnisttest, itself an importer of mnist).
var (
	LoadModule   = loadModule
	CacheDir     = cacheDir
	MissingFiles = missingFiles
	FileNames    = fileNames
)
