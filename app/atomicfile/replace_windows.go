//go:build windows

package atomicfile

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/windows"
)

// replaceTimeout bounds how long replace waits for another program to let
// go of the file.
const replaceTimeout = 3 * time.Second

// replace moves tmp over path with MoveFileEx. MOVEFILE_WRITE_THROUGH returns
// only once the move is on disk (Windows cannot sync a folder).
// Replacing fails while another program holds path open without sharing
// delete: Go's own os.Open, Excel, a PDF viewer, an antivirus scan or the
// search indexer. Most holds are brief, so sharing and access errors are
// retried with growing pauses for up to replaceTimeout; the file stays whole
// (old content) meanwhile, and the temporary file is removed by the caller if
// it still fails.
func replace(tmp, path string) error {
	from, err := windows.UTF16PtrFromString(tmp)
	if err != nil {
		return &os.LinkError{Op: "replace", Old: tmp, New: path, Err: err}
	}
	to, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return &os.LinkError{Op: "replace", Old: tmp, New: path, Err: err}
	}
	deadline := time.Now().Add(replaceTimeout)
	pause := 5 * time.Millisecond
	for {
		err = windows.MoveFileEx(from, to, windows.MOVEFILE_REPLACE_EXISTING|windows.MOVEFILE_WRITE_THROUGH)
		if err == nil || !busy(err) || time.Now().After(deadline) {
			break
		}
		time.Sleep(pause)
		pause = min(2*pause, 250*time.Millisecond)
	}
	if err != nil {
		return &os.LinkError{Op: "replace", Old: tmp, New: path, Err: err}
	}
	return nil
}

// busy reports errors Windows gives while another program has the file open.
func busy(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) ||
		errors.Is(err, windows.ERROR_ACCESS_DENIED) ||
		errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}
