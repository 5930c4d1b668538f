//go:build !unix

package importer_test

import "errors"

// mkfifo: named pipes in the file system are a Unix thing.
func mkfifo(string) error { return errors.New("no named pipes on this system") }
