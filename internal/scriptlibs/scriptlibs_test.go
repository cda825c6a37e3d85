// scriptlibs_test.go runs small scripts against the libraries: cjson,
// cmsgpack and bit, each round trip and each refusal (their replies beside
// Redis's are compared in the main package's diff_script_test.go).
package scriptlibs

import (
	"fmt"
	"testing"

	"nosql/internal/lua"
)

// run runs src with the libraries open and returns its first result
// printed with %v, or the error's message.
func run(src string) string {
	s := lua.NewState("user_script")
	Open(s)
	cl, err := s.Load(src)
	if err != nil {
		return "compile: " + err.Error()
	}
	rets, err := s.Call(cl)
	if err != nil {
		return "error: " + err.Error()
	}
	if len(rets) == 0 {
		return ""
	}
	return fmt.Sprint(rets[0])
}

func TestLibraries(t *testing.T) {
	tests := []struct{ src, want string }{
		{`return cjson.encode({1, 2, "a"})`, `[1,2,"a"]`},
		{`return cjson.decode('{"a":[1,2,{"b":true}]}').a[3].b and "yes" or "no"`, "yes"},
		{`return cjson.encode(cjson.decode('"\\u00e9"'))`, `"é"`},
		{`return cmsgpack.unpack(cmsgpack.pack({1, 2, {a = 'b'}}))[3].a`, "b"},
		{`return #cmsgpack.pack(1, 300, -300, 70000)`, "12"},
		{`return bit.band(0xff, 0x0f) + bit.lshift(1, 4)`, "31"},
		{`return bit.tohex(255, 4)`, "00ff"},
	}
	for _, tt := range tests {
		if got := run(tt.src); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
	for _, src := range []string{`return cjson.decode('{')`, `return cjson.encode(0/0)`, `return cmsgpack.unpack('\193')`} {
		if got := run(src); len(got) < 6 || got[:6] != "error:" {
			t.Errorf("%s = %q, want an error", src, got)
		}
	}
}
