// layout_test.go checks the rule the internal/ packages keep by
// construction: being packages of their own they cannot reach the
// server's state (package main), and none may import what would let it
// take a lock, write a log or touch files or the network.
package main

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// forbiddenInInternal are the imports no internal package may use.
var forbiddenInInternal = map[string]bool{
	"sync": true, "sync/atomic": true, "log": true, "log/slog": true, "os": true, "net": true,
}

func TestInternalImports(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("internal", "*", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no internal packages found: %v", err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") { // tests may use what they like
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if forbiddenInInternal[path] {
				t.Errorf("%s imports %s: internal packages take no locks, write no log, touch no files or sockets", f, path)
			}
		}
	}
}
