// fuzz_test.go holds the fuzz targets of the request parsers; their seed
// corpora are the files in testdata/fuzz/<target>.
package main

import (
	"bytes"
	"net"
	"testing"
)

// FuzzParse feeds arbitrary lines to the semicolon protocol: the parse
// never panics, every response is exactly one line starting "True;" or
// "False;", and reparsing the fields gives the same fields.
func FuzzParse(f *testing.F) {
	srv, err := NewServer(Config{MaxRequest: 1 << 20})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		srv.store = NewStore(nil) // keep each input's work independent of the last
		r := parseText(line)
		for _, fld := range [][]byte{r.Command, r.Key, r.Value, r.Type} {
			if !bytes.Equal(trimField(fld), fld) {
				t.Fatalf("field %q not trimmed", fld)
			}
		}
		if bytes.IndexByte(line, '\n') >= 0 || bytes.IndexByte(line, ';') < 0 {
			return // the reader never hands such a line to serveText
		}
		out, _ := srv.serveText(line, nil)
		if bytes.IndexByte(out, '\n') != len(out)-1 || bytes.IndexByte(out, '\r') >= 0 {
			t.Fatalf("response is not one line: %q", out)
		}
		if !bytes.HasPrefix(out, []byte("True;")) && !bytes.HasPrefix(out, []byte("False;")) {
			t.Fatalf("response %q", out)
		}
	})
}

// FuzzRESP feeds arbitrary bytes to the request reader with small limits
// and runs every framed command: nothing panics, the buffer never passes
// the query limit, and every request gets a reply.
func FuzzRESP(f *testing.F) {
	srv, err := NewServer(Config{MaxRequest: 256, ProtoMaxBulkLen: 1024, ClientQueryBufferLimit: 4096})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		srv.store = NewStore(nil)
		a, b := net.Pipe()
		defer a.Close()
		defer b.Close()
		c := &conn{srv: srv, nc: a}
		c.rd = newReader(&chunkReader{data: data, chunk: 7}, &srv.set)
		for {
			f, err := c.rd.next()
			if err != nil {
				return
			}
			if len(c.rd.buf) > max(minReadBuf, 2*4096+2) {
				t.Fatalf("buffer grew to %d", len(c.rd.buf))
			}
			n := c.pendingOut()
			switch f {
			case frameText:
				c.serveText()
			case frameRESP, frameInline:
				c.dispatch(c.rd.args)
			case frameNone:
				if c.rd.eof || c.rd.fill() != nil {
					return
				}
				continue
			}
			if c.pendingOut() == n && !c.closeAfter {
				t.Fatalf("no reply to %q", c.rd.args)
			}
			c.resetOut()
		}
	})
}
