// protocol_test.go tests the semicolon protocol's parsing and formatting,
// and the framing of requests of all three forms, malformed ones included.
package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		line                     string
		command, key, value, typ string
	}{
		{"PUT;foo;1;INT", "PUT", "foo", "1", "INT"},
		{"PUT; foo; 1; INT", "PUT", "foo", "1", "INT"},
		{"\tGET\t;\tfoo\t;;", "GET", "foo", "", ""},
		{"GET;foo", "GET", "foo", "", ""},
		{"GET;foo;", "GET", "foo", "", ""},
		{"GET;", "GET", "", "", ""},
		{"STATS;;;", "STATS", "", "", ""},
		{";;;", "", "", "", ""},
		{"PUT;k;a;b;c;STRING", "PUT", "k", "a;b;c", "STRING"},
		{"PUT;k;v", "PUT", "k", "v", ""},
		{"PUT;k;v;", "PUT", "k", "v", ""},
		{"PUTLIST; bar; a,b,c ; LIST", "PUTLIST", "bar", "a,b,c", "LIST"},
		{"put;k;;list", "put", "k", "", "list"},
		{"PUT;k;;;", "PUT", "k", ";", ""},
		{"PUT;k; x ;", "PUT", "k", "x", ""},
		{"PUT;k\x00;\xff\xfe;INT", "PUT", "k\x00", "\xff\xfe", "INT"},
		{"  ;  ;  ;  ", "", "", "", ""},
	}
	for _, tt := range tests {
		r := parseText([]byte(tt.line))
		got := []string{string(r.Command), string(r.Key), string(r.Value), string(r.Type)}
		want := []string{tt.command, tt.key, tt.value, tt.typ}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("parseText(%q) = %q, want %q", tt.line, got, want)
		}
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{}},
		{"a", []string{"a"}},
		{"red, green, blue", []string{"red", "green", "blue"}},
		{"a,,b", []string{"a", "", "b"}},
		{",", []string{"", ""}},
		{" a ,\tb\t", []string{"a", "b"}},
	}
	for _, tt := range tests {
		got := splitList([]byte(tt.in))
		var s []string
		for _, g := range got {
			s = append(s, string(g))
		}
		if len(s) != len(tt.want) || strings.Join(s, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitList(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestAppendEscaped(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b`, `a\b`},
		{`C:\temp\new`, `C:\temp\new`},
		{"x\ny", `x\ny`},
		{"x\r\ny", `x\r\ny`},
		{"tab\tnul\x00", "tab\tnul\x00"},
		{`\n`, `\n`}, // as stored: a literal backslash-n reads like an escaped LF
		{"\xff\x00", "\xff\x00"},
	}
	for _, tt := range tests {
		if got := string(appendEscaped(nil, tt.in)); got != tt.want {
			t.Errorf("appendEscaped(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The expected strings are what Python 3 prints for repr(list).
func TestAppendPyList(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, `[]`},
		{[]string{"a", "b"}, `['a', 'b']`},
		{[]string{"it's"}, `["it's"]`},
		{[]string{`say "hi"`}, `['say "hi"']`},
		{[]string{`it's "x"`}, `['it\'s "x"']`},
		{[]string{`a\b`}, `['a\\b']`},
		{[]string{"x\ny"}, `['x\ny']`},
		{[]string{"\t\r"}, `['\t\r']`},
		{[]string{"\x00\x1f\x7f"}, `['\x00\x1f\x7f']`},
		{[]string{"héllo", "日本"}, `['héllo', '日本']`},
		{[]string{"\u00a0\u00ad"}, `['\xa0\xad']`},
		{[]string{"\u2028"}, `['\u2028']`},
		{[]string{"\U000e0001"}, `['\U000e0001']`},
		{[]string{"\xff"}, `['\xff']`},
		{[]string{""}, `['']`},
	}
	for _, tt := range tests {
		if got := string(appendPyList(nil, tt.in)); got != tt.want {
			t.Errorf("appendPyList(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// fixedLimits are reader limits for tests.
type fixedLimits struct {
	line        int
	bulk, query int64
}

func (l fixedLimits) maxLine() int    { return l.line }
func (l fixedLimits) maxBulk() int64  { return l.bulk }
func (l fixedLimits) maxQuery() int64 { return l.query }

// frameAll frames every request in input, delivered in chunks of size
// chunk, and describes each as "text:LINE", "resp:A|B" or "inline:A|B",
// telnet answers as "telnet:HEX", ending with "err:MSG" if framing failed.
func frameAll(input string, chunk int, lim fixedLimits) []string {
	r := newReader(&chunkReader{data: []byte(input), chunk: chunk}, lim)
	var out []string
	for {
		f, err := r.next()
		if tn := r.appendTelnet(nil); len(tn) > 0 { // answers so far, merged
			if n := len(out); n > 0 && strings.HasPrefix(out[n-1], "telnet:") {
				out[n-1] += fmt.Sprintf(" % x", tn)
			} else {
				out = append(out, fmt.Sprintf("telnet:% x", tn))
			}
		}
		if err != nil {
			return append(out, "err:"+err.Error())
		}
		switch f {
		case frameText:
			out = append(out, "text:"+string(r.line))
		case frameRESP, frameInline:
			kind := map[frame]string{frameRESP: "resp:", frameInline: "inline:"}[f]
			out = append(out, kind+string(bytes.Join(r.args, []byte("|"))))
		case frameNone:
			if r.eof {
				return out
			}
			if err := r.fill(); err != nil {
				return append(out, "err:"+err.Error())
			}
		}
	}
}

// chunkReader returns its data at most chunk bytes per Read.
type chunkReader struct {
	data  []byte
	chunk int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), c.chunk, len(c.data))
	copy(p, c.data[:n])
	c.data = c.data[n:]
	return n, nil
}

func TestReaderFrames(t *testing.T) {
	lim := fixedLimits{line: 64, bulk: 100, query: 1 << 20}
	tests := []struct {
		name, in string
		want     []string
	}{
		{"text lines", "PUT;a;1;INT\r\nGET;a;;\n", []string{"text:PUT;a;1;INT", "text:GET;a;;"}},
		{"after first newline lines wait", "GET;a\nPUT;a;1;INT\n", []string{"text:GET;a", "text:PUT;a;1;INT"}},
		{"blank lines skipped", "\n \t \r\nGET;a\n", []string{"text:GET;a"}},
		{"first message without newline", "PUT;foo;1;", []string{"text:PUT;foo;1;"}},
		{"unterminated at end of input", "GET;foo", []string{"text:GET;foo"}},
		{"inline", "SET a b\r\nPING\n", []string{"inline:SET|a|b", "inline:PING"}},
		{"inline quotes", `SET "a b" 'c\'d' "\x41\n"` + "\n", []string{"inline:SET|a b|c'd|A\n"}},
		{"inline unbalanced", "SET \"a\n", []string{"err:Protocol error: unbalanced quotes in request"}},
		{"inline quote then letter", "SET \"a\"b\n", []string{"err:Protocol error: unbalanced quotes in request"}},
		{"resp", "*2\r\n$3\r\nGET\r\n$1\r\na\r\n", []string{"resp:GET|a"}},
		{"resp binary", "*2\r\n$4\r\nE\r\nO\r\n$0\r\n\r\n", []string{"resp:E\r\nO|"}},
		{"resp empty array skipped", "*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n", []string{"resp:PING"}},
		{"mixed", "*1\r\n$4\r\nPING\r\nGET;a\nPING\n", []string{"resp:PING", "text:GET;a", "inline:PING"}},
		{"bad count", "*x\r\n", []string{"err:Protocol error: invalid multibulk length"}},
		{"huge count", "*99999999999\r\n", []string{"err:Protocol error: invalid multibulk length"}},
		{"not a bulk", "*1\r\n+PING\r\n", []string{"err:Protocol error: expected '$', got '+'"}},
		{"bad bulk length", "*1\r\n$-3\r\n", []string{"err:Protocol error: invalid bulk length"}},
		{"bulk over limit", "*1\r\n$101\r\n", []string{"err:Protocol error: invalid bulk length"}},
		{"text too long", "PUT;k;" + strings.Repeat("v", 100) + "\n", []string{"err:ERROR: request too long"}},
		{"text too long unterminated", "GET;" + strings.Repeat("v", 100), []string{"err:ERROR: request too long"}},
		{"inline too long", strings.Repeat("v", 100) + "\n", []string{"err:Protocol error: too big inline request"}},
		{"line at the limit", "GET;" + strings.Repeat("k", 60) + "\r\n", []string{"text:GET;" + strings.Repeat("k", 60)}},
		{"partial resp at end dropped", "*2\r\n$3\r\nGET\r\n", nil},
		{"nul and garbage", "\x00\xff\xff;\x01\n", []string{"text:\x00\xff;\x01"}},
		// a semicolon request only if one word precedes the first ';'
		{"inline with a quoted ;", "SET greeting \"hello;world\"\r\n", []string{"inline:SET|greeting|hello;world"}},
		{"inline with a bare ;", "SET a;b\n", []string{"inline:SET|a;b"}},
		{"two words before ;", "PU T;k;v;\n", []string{"inline:PU|T;k;v;"}},
		{"quote before ;", "'GET';k\n", []string{"err:Protocol error: unbalanced quotes in request"}},
		{"one word trimmed", " \tGET \t;k\n", []string{"text: \tGET \t;k"}},
		{"empty command", ";k;;\n", []string{"text:;k;;"}},
		{"inline first message not taken early", `SET k "a;b;c;d"`, []string{"inline:SET|k|a;b;c;d"}},
		// telnet commands are removed from lines, never from RESP data
		{"telnet ctrl-c", "\xff\xf4\xff\xfd\x06GET;a\r\n", []string{"telnet:ff fb 06", "text:GET;a"}},
		{"telnet IP discards the line", "GET;a\xff\xf4PUT;b;1\n", []string{"text:PUT;b;1"}},
		{"telnet EL discards the line", "GET;a\xff\xf8PING\n", []string{"inline:PING"}},
		{"telnet IAC IAC", "GET;\xff\xffk\n", []string{"text:GET;\xffk"}},
		{"telnet IAC IAC IAC IP", "GET;\xff\xff\xff\xf4PING\n", []string{"inline:PING"}},
		{"telnet negotiation", "\xff\xfb\x01\xff\xfc\x03\xff\xfe\x05\xff\xfd\x01GET;a\n", []string{"text:GET;a"}},
		{"telnet subnegotiation", "GET;\xff\xfa\x18\x00\n\xff\xff\xff\xf0a\n", []string{"text:GET;a"}},
		{"telnet two-byte commands", "GE\xff\xf1T\xff\xf6;a\xff\n\n", []string{"text:GET;a"}},
		{"telnet timing marks", "\xff\xfd\x06\xff\xfd\x06PING\n", []string{"telnet:ff fb 06 ff fb 06", "inline:PING"}},
		{"telnet then resp", "\xff\xf1*1\r\n$4\r\nPING\r\n", []string{"resp:PING"}},
		{"telnet in inline", "PING\xff\xf1\r\n", []string{"inline:PING"}},
		{"resp data untouched", "*2\r\n$4\r\nECHO\r\n$5\r\n\xff\xf4\xff\xfd\x06\r\n", []string{"resp:ECHO|\xff\xf4\xff\xfd\x06"}},
		{"telnet IAC at end of input", "PING\n\xff", []string{"inline:PING"}},
	}
	for _, tt := range tests {
		for _, chunk := range []int{1, 3, 1 << 20} {
			got := frameAll(tt.in, chunk, lim)
			if strings.Join(got, "\x1e") != strings.Join(tt.want, "\x1e") {
				// Until the first newline, a line with three ';' that ends
				// what has arrived is taken whole (the accepted risk of
				// the no-newline allowance), so split delivery of such a
				// first line is exact only when it arrives at once.
				if strings.Count(strings.SplitN(tt.in, "\n", 2)[0], ";") >= 3 && chunk != 1<<20 {
					continue
				}
				t.Errorf("%s (chunk %d): got %q, want %q", tt.name, chunk, got, tt.want)
			}
		}
	}
}

// A bulk string longer than the read buffer grows the buffer as its bytes
// arrive, and a request over the query limit is refused.
func TestReaderBigBulkAndQueryLimit(t *testing.T) {
	val := strings.Repeat("x", 200000)
	in := "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$200000\r\n" + val + "\r\n"
	got := frameAll(in, 4096, fixedLimits{line: 64, bulk: 1 << 20, query: 1 << 20})
	if len(got) != 1 || got[0] != "resp:SET|k|"+val {
		t.Fatalf("big bulk framed as %d frames", len(got))
	}
	got = frameAll(in, 4096, fixedLimits{line: 64, bulk: 1 << 20, query: 64 << 10})
	if len(got) != 1 || got[0] != "err:"+errQueryLimit.Error() {
		t.Fatalf("query limit: got %.80q", got)
	}
}
