package ui

import (
	"encoding/json"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"lapse/app/journal"
)

var update = flag.Bool("update", false, "add missing keys to en.json from the code's fallbacks")

// go-i18n treats these keys as message fields: one of them as a key silently
// stops the whole file loading.
var reservedKeys = map[string]bool{"id": true, "description": true, "hash": true, "leftdelim": true, "rightdelim": true,
	"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true}

// fyneKeys are the strings Fyne's widgets and dialogs translate.
var fyneKeys = []string{"(Parent)", "Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename", "Error",
	"Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo", "Save", "Select all",
	"Show Hidden Files", "Undo", "Yes", "file.name", "file.parent", "monday", "monday.short", "tuesday", "tuesday.short",
	"wednesday", "wednesday.short", "thursday", "thursday.short", "friday", "friday.short", "saturday", "saturday.short",
	"sunday", "sunday.short"}

// codeKeys finds every lang.X("key", "fallback") in the application's code.
func codeKeys(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "docs") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "X" && sel.Sel.Name != "XN") {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" {
				return true
			}
			key, ok1 := stringLit(call.Args[0])
			fallback, ok2 := stringLit(call.Args[1])
			if ok1 && ok2 {
				keys[key] = fallback
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Keys built at run time.
	for field, fallback := range fieldFallback {
		keys["field."+field] = fallback
	}
	for _, r := range journal.Reasons() {
		keys["error."+string(r)] = "{{.Field}} " + journal.ReasonText(r)
	}
	for k, v := range dynamicKeys() {
		keys[k] = v
	}
	keys["meta.lang"] = "en"
	// Fyne's own dialogs and calendar look these up by their English text;
	// Fyne ships no Japanese, so Lapse's catalogue carries it.
	for _, k := range fyneKeys {
		keys[k] = k
	}
	return keys
}

// stringLit evaluates a string literal or a + concatenation of them.
func stringLit(e ast.Expr) (string, bool) {
	switch v := e.(type) {
	case *ast.BasicLit:
		if v.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(v.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if v.Op != token.ADD {
			return "", false
		}
		a, ok1 := stringLit(v.X)
		b, ok2 := stringLit(v.Y)
		return a + b, ok1 && ok2
	}
	return "", false
}

func readTranslations(t *testing.T, name string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", name))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

func TestTranslationsComplete(t *testing.T) {
	keys := codeKeys(t)
	en := readTranslations(t, "en.json")
	if *update {
		for k, v := range keys {
			if _, ok := en[k]; !ok {
				en[k] = v
			}
		}
		writeJSON(t, "en.json", en)
	}
	ja := readTranslations(t, "ja.json")
	var missing []string
	for k := range keys {
		if reservedKeys[strings.ToLower(k)] {
			t.Errorf("key %q is reserved by go-i18n", k)
		}
		if _, ok := en[k]; !ok {
			missing = append(missing, "en.json: "+k)
		}
		if v, ok := ja[k]; !ok || strings.TrimSpace(v) == "" {
			missing = append(missing, "ja.json: "+k)
		}
	}
	for k := range ja {
		if _, ok := en[k]; !ok {
			missing = append(missing, "en.json (only in ja.json): "+k)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("missing translation %s", m)
	}
}

func writeJSON(t *testing.T, name string, m map[string]string) {
	t.Helper()
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("..", "..", "assets", "translations", name), append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTranslationsLoad checks both files really load: a reserved key or bad
// JSON would leave Fyne on its fallbacks without a word.
func TestTranslationsLoad(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { _ = SetLanguage("en") })
	if err := SetLanguage("ja"); err != nil {
		t.Fatal(err)
	}
	if got := lang.X("meta.lang", "en"); got != "ja" {
		t.Fatalf("Japanese not active: meta.lang = %q", got)
	}
	if got := lang.X("nav.overview", "Overview"); got == "Overview" {
		t.Errorf("nav.overview not translated into Japanese")
	}
	if err := SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	if got := lang.X("meta.lang", "?"); got != "en" {
		t.Fatalf("English not active: meta.lang = %q", got)
	}
}

// The language chosen in Settings wins over the system's, both ways, and
// "System" gives the system's back, all without touching the environment
// (Windows and macOS read the system locale from the system, so a choice
// written into variables would do nothing there).
func TestLanguageChoiceWinsOverTheSystem(t *testing.T) {
	t.Cleanup(func() { _ = SetLanguage("en") })
	for _, c := range []struct{ system, choice, want string }{
		{"en_US.UTF-8", "ja", "ja"},
		{"en_US.UTF-8", "", "en"},
		{"ja_JP.UTF-8", "en", "en"},
		{"ja_JP.UTF-8", "", "ja"},
		{"ja_JP.UTF-8", "ja", "ja"},
		{"en_US.UTF-8", "en", "en"},
	} {
		t.Setenv("LANGUAGE", "")
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", c.system)
		if err := SetLanguage(c.choice); err != nil {
			t.Fatal(err)
		}
		if got := lang.X("meta.lang", "?"); got != c.want {
			t.Errorf("system %s, choice %q: the UI speaks %q, want %q", c.system, c.choice, got, c.want)
		}
		if got := os.Getenv("LANG") + os.Getenv("LC_ALL") + os.Getenv("LANGUAGE"); got != c.system {
			t.Errorf("choosing %q changed the environment: %q", c.choice, got)
		}
	}
}
