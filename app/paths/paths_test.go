package paths

import (
	"path/filepath"
	"runtime"
	"testing"
)

func TestResolve(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("default locations are checked on Linux")
	}
	dir := t.TempDir()
	tests := []struct {
		name, flag, env, xdg, home, want string
	}{
		{name: "flag wins", flag: filepath.Join(dir, "a.db"), env: "/x/b.db", want: filepath.Join(dir, "a.db")},
		{name: "env when no flag", env: filepath.Join(dir, "b.db"), want: filepath.Join(dir, "b.db")},
		{name: "XDG data home", xdg: "/data", home: "/home/u", want: "/data/lapse/journal.db"},
		{name: "relative XDG ignored", xdg: "rel", home: "/home/u", want: "/home/u/.local/share/lapse/journal.db"},
		{name: "home default", home: "/home/u", want: "/home/u/.local/share/lapse/journal.db"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvDB, tc.env)
			t.Setenv("XDG_DATA_HOME", tc.xdg)
			t.Setenv("HOME", tc.home)
			got, err := Resolve(tc.flag)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Resolve(%q) = %q, want %q", tc.flag, got, tc.want)
			}
		})
	}
}

func TestResolveRelativeFlagIsMadeAbsolute(t *testing.T) {
	got, err := Resolve("x.db")
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(got) || filepath.Base(got) != "x.db" {
		t.Errorf("Resolve(x.db) = %q, want an absolute path ending in x.db", got)
	}
}
