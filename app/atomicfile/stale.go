package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// staleAfter is how long a temporary file may sit unchanged before it is
// taken for one a killed write left behind: a live write fills its file in
// one go, well within it.
const staleAfter = time.Minute

// Temp creates a hidden temporary file beside path (".name.*.tmp"), and
// removes the ones earlier writes to path left when they were killed, with
// their SQLite siblings. Their age is measured against the new file's own
// time, so no clock is read.
func Temp(path string) (*os.File, error) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, err
	}
	fi, err := tmp.Stat()
	if err != nil {
		return tmp, nil
	}
	old, _ := filepath.Glob(filepath.Join(dir, "."+escapeGlob(base)+".*.tmp"))
	for _, p := range old {
		if p == tmp.Name() {
			continue
		}
		if st, err := os.Lstat(p); err == nil && st.Mode().IsRegular() && fi.ModTime().Sub(st.ModTime()) > staleAfter {
			for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
				os.Remove(p + suffix)
			}
		}
	}
	return tmp, nil
}

// escapeGlob makes a file name match only itself in filepath.Glob.
func escapeGlob(name string) string {
	return strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`).Replace(name)
}
