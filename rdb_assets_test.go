// rdb_assets_test.go checks RESTORE against values older Redis versions
// wrote: the RDB files of Redis's own test suite (in ../shared, beside
// the project; the test skips by name without them) hold ziplists,
// quicklists of ziplists, intsets and LZF strings. Each value becomes a
// RESTORE payload for nosql, and redis-server 7.0 loads the same file:
// every key must read back the same on both.
package main

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// rdbAssets is where Redis's test suite keeps its RDB files.
const rdbAssets = "../shared/redis-tests/tests/assets"

// rdbKeyValue is one key of an RDB file: its name, RDB type and value
// bytes.
type rdbKeyValue struct {
	key  string
	typ  byte
	data []byte
}

// rdbFileValues walks an RDB file and returns its keys, stopping at the
// first value nosql cannot read (the zipmaps of Redis 2), and the file's
// RDB version.
func rdbFileValues(t *testing.T, file []byte) ([]rdbKeyValue, uint16) {
	if len(file) < 9 || string(file[:5]) != "REDIS" {
		t.Fatalf("not an RDB file")
	}
	version, _ := strconv.Atoi(string(file[5:9]))
	r := &rdbReader{b: file[9:]}
	var out []rdbKeyValue
	for !r.bad {
		switch op := r.byte1(); op {
		case 0xFF:
			return out, uint16(version)
		case 0xFA: // aux field
			r.str()
			r.str()
		case 0xFE: // select db
			r.length()
		case 0xFB: // resize db
			r.length()
			r.length()
		case 0xFD:
			r.take(4)
		case 0xFC:
			r.take(8)
		default:
			key := r.str()
			start := r.b
			r.value(op, &defaultEncodings)
			if r.bad {
				t.Logf("key %q of type %d: nosql cannot read it; the rest of the file is skipped", key, op)
				return out, uint16(version)
			}
			out = append(out, rdbKeyValue{key, op, start[:len(start)-len(r.b)]})
		}
	}
	t.Fatalf("the file ended inside a record")
	return nil, 0
}

func TestRestoreOldRDBValues(t *testing.T) {
	names := []string{"encodings.rdb", "hash-ziplist.rdb", "list-quicklist.rdb", "zset-ziplist.rdb"}
	if _, err := os.Stat(filepath.Join(rdbAssets, names[0])); err != nil {
		t.Skipf("%s: %s is missing (Redis's test suite beside the project); skipping", t.Name(), rdbAssets)
	}
	n := dialServer(t, startServer(t))
	types := map[byte]bool{}
	for _, name := range names {
		file, err := os.ReadFile(filepath.Join(rdbAssets, name))
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "dump.rdb"), file, 0o644); err != nil {
			t.Fatal(err)
		}
		r := dial(t, startRedis(t, "--dir", dir, "--dbfilename", "dump.rdb"))
		values, version := rdbFileValues(t, file)
		n.do("FLUSHALL")
		t.Logf("%s (RDB version %d): %d keys", name, version, len(values))
		for _, kv := range values {
			payload := binary.LittleEndian.AppendUint16(append([]byte{kv.typ}, kv.data...), version)
			payload = binary.LittleEndian.AppendUint64(payload, redisCRC64(payload))
			if got := n.do("RESTORE", kv.key, "0", string(payload)); got != "+OK\r\n" {
				t.Errorf("%s: RESTORE %q (type %d): %q", name, kv.key, kv.typ, got)
				continue
			}
			types[kv.typ] = true
			if want, got := readContent(r, kv.key), readContent(n, kv.key); got != want {
				t.Errorf("%s: %q (type %d) reads back as\n %.300q\nwant\n %.300q", name, kv.key, kv.typ, got, want)
			}
		}
	}
	for _, typ := range []byte{rdbTypeListZiplist, rdbTypeHashZiplist, rdbTypeZsetZiplist, rdbTypeListQuick, rdbTypeSetIntset} {
		if !types[typ] {
			t.Errorf("no value of RDB type %d was restored", typ)
		}
	}
}
