//go:build windows

package paths

import (
	"errors"
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"
)

// prepareDataDir creates the Lapse folder, if missing, with its own access
// list: Windows ignores Unix modes (Go's 0600 only clears the read-only
// bit), and a new file takes its permissions from its folder. The list is
// protected (nothing inherited from AppData) and lets in only the user and
// SYSTEM, which, like root on Linux, reads everything anyway (backups, the
// antivirus); it is inherited by the journal and everything else created
// inside. A folder that already exists keeps whatever the user set on it.
func prepareDataDir(dir string) error {
	sddl, err := privateSDDL()
	if err != nil {
		return fmt.Errorf("make %s private: %w", dir, err)
	}
	sd, err := windows.SecurityDescriptorFromString(sddl)
	if err != nil {
		return fmt.Errorf("make %s private: %w", dir, err)
	}
	sa := windows.SecurityAttributes{SecurityDescriptor: sd}
	sa.Length = uint32(unsafe.Sizeof(sa))
	name, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	if err := windows.CreateDirectory(name, &sa); err != nil && !errors.Is(err, windows.ERROR_ALREADY_EXISTS) {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	return nil
}

// privateSDDL is the folder's access list: full control for the current
// user and SYSTEM, inherited by files (OI) and folders (CI), protected (P).
func privateSDDL() (string, error) {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return "", err
	}
	return "D:P(A;OICI;FA;;;" + u.User.Sid.String() + ")(A;OICI;FA;;;SY)", nil
}
