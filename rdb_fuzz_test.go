// rdb_fuzz_test.go fuzzes RESTORE's payload reader; its seed corpus is
// testdata/fuzz/FuzzRestorePayload (payloads redis-server 7.0 DUMPed,
// streams with groups, PELs and deleted entries among them, and the
// Redis 6 stream of Redis's own test; footers stripped).
package main

import (
	"bytes"
	"testing"
)

// FuzzRestorePayload decodes arbitrary RDB data (the footer is added, so
// the fuzzer explores the decoder, not the checksum): nothing panics, a
// value it accepts DUMPs to a payload that RESTOREs to a value DUMPing to
// the same bytes, and decoding never yields more than a bounded multiple
// of its input (LZF at most expands 88 times).
func FuzzRestorePayload(f *testing.F) {
	for _, seed := range [][]byte{{0, 3, 'b', 'a', 'r'}, {0xb, 0}, {0x12, 1, 2, 7}, {0x10}} {
		f.Add(seed)
	}
	lim := defaultEncodings
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := restoreValue(data, &lim)
		if err != nil {
			return
		}
		p, ok := dumpPayload(v)
		if !ok {
			t.Fatalf("restored a value DUMP cannot write: %T", v.obj)
		}
		if len(p) > 100*len(data)+1024 {
			t.Fatalf("%d bytes of data restored to a value of %d bytes", len(data), len(p))
		}
		body, err := checkPayload(p)
		if err != nil {
			t.Fatalf("own payload: %v", err)
		}
		v2, err := restoreValue(body, &lim)
		if err != nil {
			t.Fatalf("own payload %q refused: %v", p, err)
		}
		if p2, _ := dumpPayload(v2); !bytes.Equal(p, p2) {
			t.Fatalf("round trip changed the payload:\n %q\n %q", p, p2)
		}
	})
}
