// reader_limits_test.go tests that the request reader stays safe and
// bounded for any limit: sizes computed from client input or a limit never
// overflow (the crashes of issue 8, over TCP), a RESP request's bookkeeping
// counts against the query limit, slices grow only as elements arrive, a
// line's buffer grows to at most max-request+2, and a line that arrives a
// byte at a time is scanned once.
package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestReaderHugeLimits frames requests with every limit at its largest:
// nothing overflows.
func TestReaderHugeLimits(t *testing.T) {
	huge := fixedLimits{line: math.MaxInt, bulk: math.MaxInt64, query: math.MaxInt64}
	tests := []struct {
		name, in string
		want     []string
	}{
		{"bulk length MaxInt64", "*1\r\n$9223372036854775807\r\nabc", nil},
		{"bulk length MaxInt64 then more", "*2\r\n$4\r\nECHO\r\n$9223372036854775807\r\n" + strings.Repeat("y", 40000), nil},
		{"long line", strings.Repeat("x", 20000), []string{"inline:" + strings.Repeat("x", 20000)}},
		{"long semicolon line", "GET;" + strings.Repeat("k", 100000) + "\n", []string{"text:GET;" + strings.Repeat("k", 100000)}},
		{"big bulk", "*1\r\n$70000\r\n" + strings.Repeat("v", 70000) + "\r\n", []string{"resp:" + strings.Repeat("v", 70000)}},
	}
	for _, tt := range tests {
		for _, chunk := range []int{1000, 1 << 20} {
			got := frameAll(tt.in, chunk, huge)
			if strings.Join(got, "\x1e") != strings.Join(tt.want, "\x1e") {
				t.Errorf("%s (chunk %d): got %.80q, want %.80q", tt.name, chunk, got, tt.want)
			}
		}
	}
}

// TestReaderElementBookkeeping checks that a RESP array's elements count
// against the query limit (40 bytes each besides their bytes) and that its
// slices grow with the elements received, not the count declared.
func TestReaderElementBookkeeping(t *testing.T) {
	const limit = 64 << 10
	lim := fixedLimits{line: 1 << 20, bulk: 1 << 20, query: limit}
	// 6 bytes and 40 of bookkeeping per element: the limit is passed
	// near element 1424, long before the buffer holds 64 KiB
	flood := "*100000000\r\n" + strings.Repeat("$0\r\n\r\n", 2000)
	if got := frameAll(flood, 4096, lim); len(got) != 1 || got[0] != "err:"+errQueryLimit.Error() {
		t.Fatalf("element flood: got %q", got)
	}
	// just under the limit an array is framed
	n := (limit - 20) / (6 + elemCost)
	in := "*" + strconv.Itoa(n) + "\r\n" + strings.Repeat("$0\r\n\r\n", n)
	if got := frameAll(in, 4096, lim); len(got) != 1 || got[0] != "resp:"+strings.Repeat("|", n-1) {
		t.Fatalf("array of %d empty strings: got %.80q", n, got)
	}
	// declared 100 million, sent 100: the slices hold about 100
	r := newReader(&chunkReader{data: []byte("*100000000\r\n" + strings.Repeat("$1\r\nx\r\n", 100)), chunk: 1 << 20}, lim)
	for !r.eof {
		if f, err := r.next(); f != frameNone || err != nil {
			t.Fatalf("framed %v, %v", f, err)
		}
		if err := r.fill(); err != nil {
			t.Fatal(err)
		}
	}
	r.next()
	if len(r.spans) != 200 || cap(r.spans) > 1024 || cap(r.args) > 1024 {
		t.Fatalf("after 100 of 100000000 elements: %d spans, cap %d, args cap %d", len(r.spans), cap(r.spans), cap(r.args))
	}
}

// TestReaderLineBuffer checks how a semicolon line's buffer grows:
// doubling to 64 KiB, then straight to max-request+2, never past it.
func TestReaderLineBuffer(t *testing.T) {
	tests := []struct {
		maxLine int
		sizes   []int // buffer sizes seen while a line of maxLine bytes arrives
	}{
		{1 << 20, []int{16 << 10, 32 << 10, 64 << 10, 1<<20 + 2}},
		{100 << 10, []int{16 << 10, 32 << 10, 64 << 10, 100<<10 + 2}},
		{40 << 10, []int{16 << 10, 32 << 10, 40<<10 + 2}},
		{1000, []int{16 << 10}},
		{8 << 20, []int{16 << 10, 32 << 10, 64 << 10, 128 << 10, 256 << 10, 512 << 10, 8<<20 + 2}}, // at most 32x
	}
	for _, tt := range tests {
		lim := fixedLimits{line: tt.maxLine, bulk: 1 << 20, query: math.MaxInt64}
		r := newReader(&chunkReader{data: []byte("GET;" + strings.Repeat("x", tt.maxLine-4) + "\r\n"), chunk: 4096}, lim)
		var sizes []int
		for {
			if n := len(r.buf); len(sizes) == 0 || sizes[len(sizes)-1] != n {
				sizes = append(sizes, n)
			}
			f, err := r.next()
			if err != nil || f == frameText {
				if err != nil || len(r.line) != tt.maxLine {
					t.Fatalf("max-request %d: %v", tt.maxLine, err)
				}
				break
			}
			if err := r.fill(); err != nil {
				t.Fatal(err)
			}
		}
		if fmt.Sprint(sizes) != fmt.Sprint(tt.sizes) {
			t.Errorf("max-request %d: buffer sizes %v, want %v", tt.maxLine, sizes, tt.sizes)
		}
	}
}

// TestReaderSlowLineLinear feeds a line of max-request bytes one byte per
// read: after each read the scan has covered every byte received, so the
// next read scans only the new byte (each byte is scanned once).
func TestReaderSlowLineLinear(t *testing.T) {
	const n = 1 << 20
	lim := fixedLimits{line: n, bulk: 1 << 20, query: math.MaxInt64}
	r := newReader(&chunkReader{data: []byte("GET;" + strings.Repeat("k", n-4) + "\n"), chunk: 1}, lim)
	start := time.Now()
	for received := 0; ; received++ {
		f, err := r.next()
		if err != nil {
			t.Fatal(err)
		}
		if f == frameText {
			break
		}
		if r.scan != received || received >= 4 && (!r.text || r.semiAt != 4) {
			t.Fatalf("after %d bytes the scan memo is %d (text %v, first ';' %d)", received, r.scan, r.text, r.semiAt-1)
		}
		if err := r.fill(); err != nil {
			t.Fatal(err)
		}
	}
	if len(r.line) != n {
		t.Fatalf("line of %d bytes", len(r.line))
	}
	t.Logf("a %d-byte line read a byte at a time framed in %v", n, time.Since(start))
}

// TestHugeLimitCrashesOverTCP replays issue 8's two crashes over TCP with
// the limits at MaxInt64, set directly (CONFIG SET refuses such values):
// a bulk length of MaxInt64 and 20,000 bytes of a line. The server and
// both clients go on.
func TestHugeLimitCrashesOverTCP(t *testing.T) {
	srv := startServer(t)
	srv.set.protoMaxBulkLen.Store(math.MaxInt64)
	srv.set.queryBufferLimit.Store(math.MaxInt64)
	bulk := dialServer(t, srv)
	bulk.send("*1\r\n$9223372036854775807\r\n")
	line := dialServer(t, srv)
	line.send(strings.Repeat("x", 20000))
	other := dialServer(t, srv)
	if got := other.do("PING"); got != "+PONG\r\n" {
		t.Fatalf("PING: %q", got)
	}
	line.send("\r\n")
	if got := line.reply(); !strings.HasPrefix(got, "-ERR unknown command 'xxxx") {
		t.Fatalf("20,000 x: %.60q", got)
	}
	bulk.send(strings.Repeat("y", 100000)) // part of the endless bulk
	if got := other.do("PING"); got != "+PONG\r\n" {
		t.Fatalf("PING: %q", got)
	}
	if got := line.do("PING"); got != "+PONG\r\n" {
		t.Fatalf("PING after the long line: %q", got)
	}
}
