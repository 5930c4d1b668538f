//go:build !unix

package cli

// limitFileSize: no RLIMIT_FSIZE here; the full-disk tests are run on Unix.
func limitFileSize() {}
