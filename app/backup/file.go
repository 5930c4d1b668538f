package backup

import (
	"io"
	"os"

	"lapse/app/atomicfile"
)

// ReadFile reads a backup file, refusing one larger than MaxSize before
// reading it.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, refused("it is not a regular file")
	}
	if fi.Size() > maxSize {
		return nil, tooLarge()
	}
	// The limit also holds if the file grows while it is read.
	data, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxSize {
		return nil, tooLarge()
	}
	return data, nil
}

// WriteFile writes data to path atomically and private to the user (0600),
// so path holds either its old bytes or all the new ones.
func WriteFile(path string, data []byte) error {
	return atomicfile.Write(path, data, 0o600)
}
