//go:build !windows

package storage

import xunix "golang.org/x/sys/unix"

// dirWritable reports whether files can be created in dir.
func dirWritable(dir string) bool {
	return xunix.Access(dir, xunix.W_OK) == nil
}
