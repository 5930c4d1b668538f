//go:build unix

package cli

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
)

func limitFileSize() {
	n, err := strconv.ParseUint(os.Getenv(fileSizeEnv), 10, 64)
	if err != nil {
		return
	}
	// Go ignores SIGXFSZ, so a write past the limit fails with EFBIG.
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
		fmt.Fprintln(os.Stderr, "setrlimit:", err)
		os.Exit(2)
	}
}
