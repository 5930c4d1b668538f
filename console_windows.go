//go:build windows

package main

import (
	"math"
	"os"

	"golang.org/x/sys/windows"
)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachConsole lets `Lapse.exe check` print into the Command Prompt or
// PowerShell it was typed in. Lapse.exe is a GUI program (no console window
// pops up when it is double-clicked), so Windows gives it no standard output
// unless the output is redirected; redirected outputs are kept as they are.
func attachConsole() {
	if r, _, _ := procAttachConsole.Call(math.MaxUint32); r == 0 { // ATTACH_PARENT_PROCESS
		return
	}
	if !usable(os.Stdout) {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stdout = f
		}
	}
	if !usable(os.Stderr) {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stderr = f
		}
	}
}

// usable reports whether f is a real handle (a file, pipe or console).
func usable(f *os.File) bool {
	h := windows.Handle(f.Fd())
	if h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, err := windows.GetFileType(h)
	return err == nil && t != windows.FILE_TYPE_UNKNOWN
}
