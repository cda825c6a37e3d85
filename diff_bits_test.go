// diff_bits_test.go compares with Redis the bit commands (SETBIT, GETBIT,
// BITCOUNT, BITPOS, BITOP, BITFIELD, BITFIELD_RO) and the string
// commands INCRBYFLOAT, SUBSTR and LCS, errors included.
package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// randomBytes returns n pseudo-random bytes from r, drawn from alphabet
// (every byte when it is empty).
func randomBytes(r *rand.Rand, n int, alphabet string) string {
	b := make([]byte, n)
	for i := range b {
		if alphabet == "" {
			b[i] = byte(r.IntN(256))
		} else {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
	}
	return string(b)
}

// TestDiffSetBitGetBit covers SETBIT and GETBIT.
func TestDiffSetBitGetBit(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "setbit-basic", cmds: [][]string{c("SETBIT", "b", "7", "1"), c("GET", "b"), c("SETBIT", "b", "7", "0"), c("GET", "b"),
			c("SETBIT", "b", "0", "1"), c("SETBIT", "b", "0", "1"), c("GETBIT", "b", "0"), c("GETBIT", "b", "7"), c("GETBIT", "b", "100"), c("STRLEN", "b")}},
		{name: "setbit-grows", cmds: [][]string{c("SETBIT", "b", "100", "1"), c("STRLEN", "b"), c("GET", "b"), c("SETBIT", "b", "100", "1"),
			c("SETBIT", "b", "3", "1"), c("GET", "b"), c("GETBIT", "b", "100"), c("GETBIT", "b", "99")}},
		{name: "setbit-zero-creates", cmds: [][]string{c("SETBIT", "b", "10", "0"), c("EXISTS", "b"), c("GET", "b"), c("SETBIT", "b", "30", "0"), c("GET", "b")}},
		{name: "setbit-integer-value", cmds: [][]string{c("SET", "b", "1"), c("SETBIT", "b", "6", "1"), c("GET", "b"), c("INCR", "b"), c("GETBIT", "b", "2"), c("GETBIT", "b", "3")}},
		{name: "setbit-errors", cmds: [][]string{c("SETBIT", "b", "-1", "1"), c("SETBIT", "b", "x", "1"), c("SETBIT", "b", "4294967296", "1"),
			c("SETBIT", "b", "9223372036854775807", "1"), c("SETBIT", "b", "1.0", "1"), c("SETBIT", "b", "+1", "1"), c("SETBIT", "b", "", "1"),
			c("SETBIT", "b", "0", "2"), c("SETBIT", "b", "0", "-1"), c("SETBIT", "b", "0", "x"), c("SETBIT", "b", "0", ""), c("SETBIT", "b", "0", "01"),
			c("SETBIT", "b", "0", "1.0"), c("EXISTS", "b"), c("SETBIT", "b", "1"), c("SETBIT", "b", "1", "1", "1")}},
		{name: "setbit-wrongtype", cmds: [][]string{c("RPUSH", "l", "a"), c("SETBIT", "l", "0", "2"), c("SETBIT", "l", "-1", "1"), c("SETBIT", "l", "0", "1"), c("LRANGE", "l", "0", "-1")}},
		{name: "getbit-errors", cmds: [][]string{c("RPUSH", "l", "a"), c("GETBIT", "l", "x"), c("GETBIT", "l", "0"), c("GETBIT", "n", "4294967296"),
			c("GETBIT", "n", "4294967295"), c("GETBIT", "n", "-1"), c("GETBIT", "n", "01"), c("GETBIT", "n"), c("GETBIT", "n", "1", "2")}},
		{name: "getbit-bits", cmds: [][]string{c("SET", "s", "\x80\x01\xff"), c("GETBIT", "s", "0"), c("GETBIT", "s", "1"), c("GETBIT", "s", "15"),
			c("GETBIT", "s", "14"), c("GETBIT", "s", "16"), c("GETBIT", "s", "23"), c("GETBIT", "s", "24")}},
		{name: "offset-limit-follows-config", cmds: [][]string{c("CONFIG", "SET", "proto-max-bulk-len", "1mb"), c("SETBIT", "b", "8388608", "1"),
			c("GETBIT", "b", "8388608"), c("SETBIT", "b", "8388607", "1"), c("STRLEN", "b"), c("BITFIELD", "b", "GET", "u8", "8388608"),
			c("CONFIG", "SET", "proto-max-bulk-len", "512mb")}},
	})
}

// TestDiffBitCount covers BITCOUNT with BYTE and BIT ranges.
func TestDiffBitCount(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	long := randomBytes(r, 300, "")
	fuzz := [][]string{c("SET", "f", long), c("BITCOUNT", "f")}
	for i := 0; i < 60; i++ {
		start, end := r.IntN(2600)-300, r.IntN(2600)-300
		unit := []string{"BIT", "BYTE", "bit"}[i%3]
		fuzz = append(fuzz, c("BITCOUNT", "f", fmt.Sprint(start), fmt.Sprint(end), unit), c("BITCOUNT", "f", fmt.Sprint(start/8), fmt.Sprint(end/8)))
	}
	runDiff(t, []diffCase{
		{name: "bitcount-bytes", cmds: [][]string{c("SET", "k", "foobar"), c("BITCOUNT", "k"), c("BITCOUNT", "k", "0", "0"), c("BITCOUNT", "k", "1", "1"),
			c("BITCOUNT", "k", "1", "1", "BYTE"), c("BITCOUNT", "k", "-1", "-1"), c("BITCOUNT", "k", "0", "-1"), c("BITCOUNT", "k", "-100", "100"),
			c("BITCOUNT", "k", "2", "1"), c("BITCOUNT", "k", "-1", "-2"), c("BITCOUNT", "k", "6", "10"), c("BITCOUNT", "k", "-9223372036854775808", "9223372036854775807")}},
		{name: "bitcount-bits", cmds: [][]string{c("SET", "k", "foobar"), c("BITCOUNT", "k", "5", "30", "BIT"), c("BITCOUNT", "k", "-2", "-1", "BIT"),
			c("BITCOUNT", "k", "0", "-1", "bit"), c("BITCOUNT", "k", "7", "7", "BIT"), c("BITCOUNT", "k", "8", "15", "BIT"), c("BITCOUNT", "k", "3", "12", "bIt"),
			c("BITCOUNT", "k", "1", "6", "BIT"), c("BITCOUNT", "k", "40", "1000", "BIT"), c("BITCOUNT", "k", "48", "1000", "BIT"), c("BITCOUNT", "k", "-1000", "-47", "BIT")}},
		{name: "bitcount-errors", cmds: [][]string{c("SET", "k", "foobar"), c("BITCOUNT", "k", "0"), c("BITCOUNT", "k", "0", "1", "BIT", "x"),
			c("BITCOUNT", "k", "0", "1", "FOO"), c("BITCOUNT", "k", "x", "1"), c("BITCOUNT", "k", "0", "1.5"), c("BITCOUNT", "k", "-1", "-2", "FOO"),
			c("BITCOUNT", "k", "1", "2", "FOO"), c("BITCOUNT", "k", "x", "y", "FOO"), c("BITCOUNT"), c("BITCOUNT", "nokey", "x"), c("BITCOUNT", "nokey", "0")}},
		{name: "bitcount-wrongtype", cmds: [][]string{c("RPUSH", "l", "a"), c("BITCOUNT", "l"), c("BITCOUNT", "l", "x", "y", "z")}},
		{name: "bitcount-integer-empty", cmds: [][]string{c("SET", "i", "123"), c("BITCOUNT", "i"), c("BITCOUNT", "i", "1", "1"), c("SET", "e", ""),
			c("BITCOUNT", "e"), c("BITCOUNT", "e", "0", "-1"), c("BITCOUNT", "e", "0", "-1", "BIT")}},
		{name: "bitcount-fuzz", cmds: fuzz},
	})
}

// TestDiffBitPos covers BITPOS with BYTE and BIT ranges.
func TestDiffBitPos(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var fuzz [][]string
	for _, v := range []string{strings.Repeat("\x00", 40) + "\x10" + strings.Repeat("\x00", 40), strings.Repeat("\xff", 50) + "\xef" + strings.Repeat("\xff", 30), randomBytes(r, 64, "\x00\xff\x01\x80")} {
		fuzz = append(fuzz, c("SET", "f", v), c("BITPOS", "f", "0"), c("BITPOS", "f", "1"))
		for i := 0; i < 30; i++ {
			start, end := r.IntN(800)-100, r.IntN(800)-100
			bit := fmt.Sprint(i % 2)
			fuzz = append(fuzz, c("BITPOS", "f", bit, fmt.Sprint(start), fmt.Sprint(end), "BIT"), c("BITPOS", "f", bit, fmt.Sprint(start/8), fmt.Sprint(end/8)),
				c("BITPOS", "f", bit, fmt.Sprint(start/8)))
		}
	}
	runDiff(t, []diffCase{
		{name: "bitpos-missing", cmds: [][]string{c("BITPOS", "n", "0"), c("BITPOS", "n", "1"), c("BITPOS", "n", "2"), c("BITPOS", "n", "x"),
			c("BITPOS", "n", "1", "a", "b"), c("BITPOS", "n", "0", "1", "2", "3", "4")}},
		{name: "bitpos-docs", cmds: [][]string{c("SET", "k", "\xff\xf0\x00"), c("BITPOS", "k", "0"), c("SET", "k", "\x00\xff\xf0"), c("BITPOS", "k", "1", "0"),
			c("BITPOS", "k", "1", "2"), c("BITPOS", "k", "1", "2", "-1", "BYTE"), c("BITPOS", "k", "1", "7", "15", "BIT"), c("SET", "k", "\x00\x00\x00"),
			c("BITPOS", "k", "1"), c("BITPOS", "k", "1", "7", "-3", "BIT")}},
		{name: "bitpos-all-ones", cmds: [][]string{c("SET", "k", "\xff\xff"), c("BITPOS", "k", "0"), c("BITPOS", "k", "0", "0"), c("BITPOS", "k", "0", "0", "-1"),
			c("BITPOS", "k", "0", "1"), c("BITPOS", "k", "0", "5"), c("BITPOS", "k", "0", "-1"), c("BITPOS", "k", "0", "0", "15", "BIT"), c("BITPOS", "k", "1", "3", "3", "BIT")}},
		{name: "bitpos-empty-string", cmds: [][]string{c("SET", "k", ""), c("BITPOS", "k", "0"), c("BITPOS", "k", "1"), c("BITPOS", "k", "0", "0", "-1", "BIT")}},
		{name: "bitpos-bit-ranges", cmds: [][]string{c("SET", "k", "\x0f\xf0\xaa\x55"), c("BITPOS", "k", "1", "0", "3", "BIT"), c("BITPOS", "k", "0", "0", "3", "BIT"),
			c("BITPOS", "k", "0", "4", "11", "BIT"), c("BITPOS", "k", "1", "12", "20", "BIT"), c("BITPOS", "k", "0", "12", "20", "BIT"), c("BITPOS", "k", "1", "-5", "-1", "BIT"),
			c("BITPOS", "k", "0", "-5", "-1", "BIT"), c("BITPOS", "k", "1", "5", "5", "BIT"), c("BITPOS", "k", "0", "5", "6", "BIT"), c("BITPOS", "k", "1", "9", "14", "bit"),
			c("BITPOS", "k", "0", "8", "11", "BIT"), c("BITPOS", "k", "1", "1", "2", "byte"), c("BITPOS", "k", "0", "31", "1000", "BIT")}},
		{name: "bitpos-errors", cmds: [][]string{c("SET", "k", "ab"), c("BITPOS", "k", "0", "x"), c("BITPOS", "k", "0", "0", "x"), c("BITPOS", "k", "0", "0", "1", "FOO"),
			c("BITPOS", "k", "0", "0", "1", "BIT", "x"), c("BITPOS", "k", "0", "x", "1", "FOO"), c("BITPOS", "k", "0", "0", "x", "FOO"), c("BITPOS", "k", "-1"),
			c("BITPOS", "k", "01"), c("BITPOS", "k"), c("RPUSH", "l", "a"), c("BITPOS", "l", "0"), c("BITPOS", "l", "2"), c("BITPOS", "l", "1", "x")}},
		{name: "bitpos-integer", cmds: [][]string{c("SET", "i", "10"), c("BITPOS", "i", "1"), c("BITPOS", "i", "0", "1")}},
		{name: "bitpos-fuzz", cmds: fuzz},
	})
}

// TestDiffBitOp covers BITOP.
func TestDiffBitOp(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var many [][]string
	var keys []string
	for i := 0; i < 20; i++ {
		k := fmt.Sprintf("m%d", i)
		keys = append(keys, k)
		many = append(many, c("SET", k, randomBytes(r, 30+r.IntN(70), "")))
	}
	for _, op := range []string{"AND", "OR", "XOR"} {
		many = append(many, append(c("BITOP", op, "dest"), keys...), c("GET", "dest"), append(c("BITOP", op, "dest"), keys[:3]...), c("GET", "dest"))
	}
	runDiff(t, []diffCase{
		{name: "bitop-ops", cmds: [][]string{c("SET", "a", "foobar"), c("SET", "b", "abcdef"), c("SET", "c", "xyz"),
			c("BITOP", "AND", "d", "a", "b", "c"), c("GET", "d"), c("BITOP", "or", "d", "a", "b", "c"), c("GET", "d"),
			c("BITOP", "Xor", "d", "a", "b", "c"), c("GET", "d"), c("BITOP", "NOT", "d", "a"), c("GET", "d"), c("BITOP", "AND", "d", "a"), c("GET", "d")}},
		{name: "bitop-missing-sources", cmds: [][]string{c("SET", "a", "foobar"), c("BITOP", "AND", "d", "a", "n"), c("GET", "d"), c("BITOP", "OR", "d", "n", "a"), c("GET", "d"),
			c("SET", "d", "x"), c("BITOP", "OR", "d", "n1", "n2"), c("EXISTS", "d"), c("BITOP", "NOT", "d", "n"), c("EXISTS", "d")}},
		{name: "bitop-empty-source", cmds: [][]string{c("SET", "e", ""), c("SET", "d", "x"), c("BITOP", "NOT", "d", "e"), c("EXISTS", "d"),
			c("SET", "a", "ab"), c("BITOP", "AND", "d", "a", "e"), c("GET", "d")}},
		{name: "bitop-dest-any-type", cmds: [][]string{c("SET", "a", "ab"), c("RPUSH", "d", "x"), c("BITOP", "NOT", "d", "a"), c("TYPE", "d"), c("GET", "d"),
			c("BITOP", "NOT", "a", "a"), c("GET", "a")}},
		{name: "bitop-integer-source", cmds: [][]string{c("SET", "i", "123"), c("BITOP", "NOT", "d", "i"), c("GET", "d"), c("BITOP", "XOR", "d", "i", "i"), c("GET", "d")}},
		{name: "bitop-errors", cmds: [][]string{c("SET", "a", "ab"), c("RPUSH", "l", "x"), c("BITOP", "AND", "d", "a", "l"), c("BITOP", "NOT", "d", "l"), c("EXISTS", "d"),
			c("BITOP", "FOO", "d", "a"), c("BITOP", "NOT", "d", "a", "a"), c("BITOP", "FOO", "d", "l"), c("BITOP", "AND", "d"), c("BITOP", "AND"),
			c("BITOP", "ANDX", "d", "a"), c("BITOP", "", "d", "a")}},
		{name: "bitop-many", cmds: many},
	})
}

// TestDiffBitField covers BITFIELD and BITFIELD_RO.
func TestDiffBitField(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	fuzz := [][]string{c("SET", "f", randomBytes(r, 20, ""))}
	for i := 0; i < 80; i++ {
		sign := []string{"i", "u"}[r.IntN(2)]
		width := 1 + r.IntN(63)
		if sign == "i" {
			width = 1 + r.IntN(64)
		}
		typ, off := fmt.Sprint(sign, width), fmt.Sprint(r.IntN(200))
		val := fmt.Sprint(r.Int64() >> r.IntN(64) * int64(1-2*r.IntN(2)))
		ow := []string{"WRAP", "SAT", "FAIL"}[r.IntN(3)]
		fuzz = append(fuzz, c("BITFIELD", "f", "OVERFLOW", ow, "INCRBY", typ, off, val, "GET", typ, off, "SET", typ, off, val, "GET", typ, off))
	}
	fuzz = append(fuzz, c("GET", "f"))
	runDiff(t, []diffCase{
		{name: "bitfield-docs", cmds: [][]string{c("BITFIELD", "k", "INCRBY", "i5", "100", "1", "GET", "u4", "0"), c("BITFIELD", "k", "SET", "i8", "#0", "100", "SET", "i8", "#1", "200"),
			c("BITFIELD", "k", "GET", "i8", "#0", "GET", "i8", "#1", "GET", "i8", "8"), c("GET", "k")}},
		{name: "bitfield-overflow-unsigned", cmds: [][]string{c("BITFIELD", "k", "INCRBY", "u2", "100", "1", "OVERFLOW", "SAT", "INCRBY", "u2", "102", "1"),
			c("BITFIELD", "k", "INCRBY", "u2", "100", "1", "OVERFLOW", "SAT", "INCRBY", "u2", "102", "1"), c("BITFIELD", "k", "INCRBY", "u2", "100", "1", "OVERFLOW", "SAT", "INCRBY", "u2", "102", "1"),
			c("BITFIELD", "k", "INCRBY", "u2", "100", "1", "OVERFLOW", "SAT", "INCRBY", "u2", "102", "1"), c("BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u2", "102", "1"),
			c("BITFIELD", "k", "OVERFLOW", "sat", "INCRBY", "u2", "102", "-10", "INCRBY", "u8", "0", "-1", "OVERFLOW", "wrap", "INCRBY", "u8", "0", "-1")}},
		{name: "bitfield-overflow-signed", cmds: [][]string{c("BITFIELD", "k", "SET", "i8", "0", "127", "INCRBY", "i8", "0", "1", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "-300"),
			c("BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "i8", "0", "-1", "GET", "i8", "0"), c("BITFIELD", "k", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "1000", "INCRBY", "i3", "5", "-100")}},
		{name: "bitfield-set-out-of-range", cmds: [][]string{c("BITFIELD", "k", "SET", "u8", "0", "256", "GET", "u8", "0", "SET", "u8", "0", "-1", "GET", "u8", "0"),
			c("BITFIELD", "k", "OVERFLOW", "SAT", "SET", "u8", "0", "-1", "GET", "u8", "0", "SET", "u8", "0", "300", "SET", "i8", "0", "200", "SET", "i8", "0", "-200", "GET", "i8", "0"),
			c("BITFIELD", "k", "OVERFLOW", "FAIL", "SET", "u8", "0", "300", "SET", "i8", "0", "-129", "SET", "i8", "0", "-128", "GET", "u8", "0"),
			c("BITFIELD", "k", "SET", "i8", "0", "200", "GET", "i8", "0")}},
		{name: "bitfield-64-bits", cmds: [][]string{c("BITFIELD", "k", "SET", "i64", "0", "-9223372036854775808", "INCRBY", "i64", "0", "-1", "GET", "i64", "0"),
			c("BITFIELD", "k", "OVERFLOW", "SAT", "INCRBY", "i64", "0", "1", "INCRBY", "i64", "0", "-9223372036854775808", "OVERFLOW", "FAIL", "INCRBY", "i64", "0", "-1"),
			c("BITFIELD", "k", "SET", "u63", "3", "9223372036854775807", "INCRBY", "u63", "3", "1", "OVERFLOW", "SAT", "INCRBY", "u63", "3", "-1", "INCRBY", "u63", "3", "9223372036854775807"),
			c("BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u63", "3", "9223372036854775807", "SET", "u63", "3", "-1", "GET", "u63", "3", "GET", "i64", "0"), c("GET", "k")}},
		{name: "bitfield-unaligned", cmds: [][]string{c("BITFIELD", "k", "SET", "u5", "7", "23", "GET", "u5", "7", "GET", "u8", "0", "GET", "u8", "8", "SET", "i13", "11", "-1000", "GET", "i13", "11"), c("GET", "k"),
			c("BITFIELD", "k", "GET", "u1", "7", "GET", "i1", "7", "GET", "i1", "0", "GET", "u63", "1", "GET", "i64", "1", "GET", "u8", "1000")}},
		{name: "bitfield-missing-key", cmds: [][]string{c("BITFIELD", "k", "GET", "u8", "0", "GET", "i64", "1000"), c("EXISTS", "k"), c("BITFIELD", "k"), c("EXISTS", "k"),
			c("BITFIELD", "k", "OVERFLOW", "FAIL", "SET", "u2", "20", "5"), c("EXISTS", "k"), c("GET", "k"), c("BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u2", "40", "5"), c("GET", "k")}},
		{name: "bitfield-integer-value", cmds: [][]string{c("SET", "k", "255"), c("BITFIELD", "k", "GET", "u8", "0", "GET", "u8", "8", "GET", "u8", "16", "INCRBY", "u8", "0", "1"), c("GET", "k")}},
		{name: "bitfield-offsets", cmds: [][]string{c("BITFIELD", "k", "GET", "u8", "4294967295"), c("BITFIELD", "k", "GET", "u8", "4294967296"), c("BITFIELD", "k", "GET", "i8", "#536870912"),
			c("BITFIELD", "k", "GET", "i8", "#536870911"), c("BITFIELD", "k", "GET", "i64", "#9223372036854775807"), c("BITFIELD", "k", "GET", "i8", "#1152921504606846977"),
			c("SET", "k", "ab"), c("BITFIELD", "k", "GET", "i8", "#2305843009213693953"), c("BITFIELD", "k", "GET", "i8", "#x"), c("BITFIELD", "k", "GET", "i8", "#"),
			c("BITFIELD", "k", "GET", "i8", "#-1"), c("BITFIELD", "k", "GET", "i8", "-1"), c("BITFIELD", "k", "GET", "i8", "x"), c("BITFIELD", "k", "GET", "i8", "##1"), c("BITFIELD", "k", "GET", "i8", "01")}},
		{name: "bitfield-types", cmds: [][]string{c("SET", "k", "ab"), c("BITFIELD", "k", "GET", "x8", "0"), c("BITFIELD", "k", "GET", "i0", "0"), c("BITFIELD", "k", "GET", "i65", "0"),
			c("BITFIELD", "k", "GET", "u64", "0"), c("BITFIELD", "k", "GET", "u63", "0"), c("BITFIELD", "k", "GET", "I8", "0"), c("BITFIELD", "k", "GET", "U8", "0"),
			c("BITFIELD", "k", "GET", "i", "0"), c("BITFIELD", "k", "GET", "", "0"), c("BITFIELD", "k", "GET", "i08", "0"), c("BITFIELD", "k", "GET", "i8\x00x", "0"), c("BITFIELD", "k", "GET", "i-8", "0")}},
		{name: "bitfield-syntax", cmds: [][]string{c("SET", "k", "ab"), c("BITFIELD", "k", "FOO"), c("BITFIELD", "k", "GET", "i8"), c("BITFIELD", "k", "SET", "i8", "0"),
			c("BITFIELD", "k", "INCRBY", "i8", "0"), c("BITFIELD", "k", "OVERFLOW"), c("BITFIELD", "k", "OVERFLOW", "FOO"), c("BITFIELD", "k", "OVERFLOW", "FOO", "BAR"),
			c("BITFIELD", "k", "SET", "i8", "0", "x"), c("BITFIELD", "k", "SET", "i8", "0", "1.5"), c("BITFIELD", "k", "INCRBY", "i8", "0", ""),
			c("BITFIELD", "k", "GET", "x8", "0", "FOO"), c("BITFIELD", "k", "SET", "i8", "0", "1", "FOO"), c("GET", "k"), c("BITFIELD"), c("bitfield", "k", "get", "u8", "0", "overflow", "fail", "set", "u8", "0", "1")}},
		{name: "bitfield-wrongtype", cmds: [][]string{c("RPUSH", "l", "x"), c("BITFIELD", "l", "GET", "i8", "0"), c("BITFIELD", "l", "GET", "x8", "0"), c("BITFIELD", "l", "SET", "i8", "0", "1"),
			c("BITFIELD", "l"), c("BITFIELD_RO", "l", "GET", "i8", "0"), c("BITFIELD_RO", "l", "SET", "i8", "0", "1")}},
		{name: "bitfield-ro", cmds: [][]string{c("SET", "k", "ab"), c("BITFIELD_RO", "k", "GET", "u8", "0", "GET", "i4", "#3"), c("BITFIELD_RO", "k", "SET", "u8", "0", "1"),
			c("BITFIELD_RO", "k", "GET", "u8", "0", "INCRBY", "u8", "0", "1"), c("BITFIELD_RO", "k", "OVERFLOW", "SAT"), c("BITFIELD_RO", "k", "SET", "x8", "0", "1"),
			c("BITFIELD_RO", "k"), c("BITFIELD_RO", "n", "GET", "u8", "0"), c("EXISTS", "n"), c("BITFIELD_RO"), c("GET", "k")}},
		{name: "bitfield-fuzz", cmds: fuzz},
	})
}

// TestDiffIncrByFloat covers INCRBYFLOAT's arithmetic, formatting and
// errors.
func TestDiffIncrByFloat(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	var fuzz [][]string
	for i := 0; i < 60; i++ {
		a := fmt.Sprintf("%.*g", 1+r.IntN(25), (r.Float64()*2-1)*pow10f(r.IntN(61)-30))
		b := fmt.Sprintf("%.*e", 1+r.IntN(25), (r.Float64()*2-1)*pow10f(r.IntN(61)-30))
		fuzz = append(fuzz, c("SET", "f", a), c("INCRBYFLOAT", "f", b), c("INCRBYFLOAT", "f", "0.1"), c("GET", "f"))
	}
	set := func(v string, incr string) [][]string {
		return [][]string{c("SET", "k", v), c("INCRBYFLOAT", "k", incr), c("GET", "k")}
	}
	var formats [][]string
	for _, p := range [][2]string{{"10.5", "0.1"}, {"3.0e3", "0"}, {"1e300", "0"}, {"5.0e-310", "0"}, {"0x1p3", "0"}, {"1e4933", "0"},
		{"1e-4950", "0"}, {"1e-4952", "0"}, {"0e999999", "0"}, {"-1e-20", "0"}, {"5.", "0"}, {".5", "0"}, {"1.5", "1e4932"}, {"1.1", "1.2"},
		{"0x10", "0"}, {"0x1.8", "0"}, {"+1", "0"}, {"1e-5", "0"}, {"123456789.123456789", "0"}, {"1.18973149535723176502e+4932", "0"},
		{"1.1897314953572317651e+4932", "0"}, {"1.82259976594123730126e-4951", "0"}, {"1.82259976594123730127e-4951", "0"},
		{"0x1p16384", "0"}, {"0x1.fffffffffffffffep16383", "0"}, {"0x1p-16445", "0"}, {"-0", "0"}, {"-0", "-0"}, {"0", "-0"},
		{"0x.8", "0"}, {"0X1P-2", "0"}, {"1e+5", "0"}, {"-.5e1", "0"}, {"00012", "0"}, {"0.1", "0.2"}, {"0.3", "-0.1"}, {"1e17", "0.5"},
		{"12345678901234567890", "0"}, {"-12345678901234567890.5", "0"}, {"9223372036854775807", "1"}, {"0.000000000000000005", "0"},
		{"0.000000000000000025", "0"}, {"-1e-17", "0"}, {"-4e-18", "0"}, {"0x1p-18", "0"}, {"2.5", "1e-17"}, {"1", "0e-99999999999999999999"},
		{"1", strings.Repeat("1", 5119)}, {"0." + strings.Repeat("0", 5116) + "1", "1"}} {
		formats = append(formats, set(p[0], p[1])...)
	}
	var invalid [][]string
	for _, v := range []string{"inf", "-inf", "INFINITY", "nan", "NaN", "infin", "0x", "0x.", "1e", "1e+", ".", " 1", "1 ", "1_0", "0b1",
		"abc", "", "1\x00", "\x001", "1e99999999999999999999", "1e-99999999999999999999", "1e-5000", strings.Repeat("1", 5120), "0x1p99999999999999", "--1", "+-1", "1.2.3", "1e5.5"} {
		invalid = append(invalid, c("SET", "k", "1"), c("INCRBYFLOAT", "k", v), c("SET", "v", v), c("INCRBYFLOAT", "v", "1"), c("GET", "v"))
	}
	runDiff(t, []diffCase{
		{name: "incrbyfloat-basic", cmds: [][]string{c("INCRBYFLOAT", "k", "1"), c("INCRBYFLOAT", "k", "0.25"), c("GET", "k"), c("INCRBYFLOAT", "k", "-1.25"),
			c("GET", "k"), c("INCR", "k"), c("INCRBYFLOAT", "k", "-1.1"), c("SET", "k", "10"), c("INCRBYFLOAT", "k", "17179869184"), c("INCRBYFLOAT", "k", "1.5")}},
		{name: "incrbyfloat-formats", cmds: formats},
		{name: "incrbyfloat-invalid", cmds: invalid},
		{name: "incrbyfloat-wrongtype", cmds: [][]string{c("RPUSH", "l", "a"), c("INCRBYFLOAT", "l", "1"), c("INCRBYFLOAT", "l", "x"), c("INCRBYFLOAT", "l", "inf"),
			c("INCRBYFLOAT", "k"), c("INCRBYFLOAT", "k", "1", "2"), c("SET", "k", "x"), c("INCRBYFLOAT", "k", "x")}},
		{name: "incrbyfloat-fuzz", cmds: fuzz},
	})
}

func pow10f(n int) float64 {
	f := 1.0
	for ; n > 0; n-- {
		f *= 10
	}
	for ; n < 0; n++ {
		f /= 10
	}
	return f
}

// TestDiffSubstr covers SUBSTR, GETRANGE's older name.
func TestDiffSubstr(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "substr", cmds: [][]string{c("SET", "k", "Hello World"), c("SUBSTR", "k", "0", "4"), c("SUBSTR", "k", "-5", "-1"), c("SUBSTR", "k", "6", "100"),
			c("SUBSTR", "k", "5", "3"), c("SUBSTR", "k", "-1", "-5"), c("SUBSTR", "k", "-100", "-100"), c("SUBSTR", "n", "0", "-1"), c("SET", "i", "12345"), c("substr", "i", "1", "3")}},
		{name: "substr-errors", cmds: [][]string{c("RPUSH", "l", "a"), c("SUBSTR", "l", "0", "1"), c("SUBSTR", "l", "x", "1"), c("SUBSTR", "n", "0", "1.0"),
			c("SUBSTR", "n", "0"), c("SUBSTR", "n", "0", "1", "2"), c("SUBSTR")}},
	})
}

// TestDiffLCS covers LCS and its options.
func TestDiffLCS(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	var fuzz [][]string
	for i := 0; i < 20; i++ {
		a, b := randomBytes(r, r.IntN(60), "ACGT"), randomBytes(r, r.IntN(60), "ACGT")
		fuzz = append(fuzz, c("MSET", "a", a, "b", b), c("LCS", "a", "b"), c("LCS", "a", "b", "LEN"), c("LCS", "b", "a", "IDX", "WITHMATCHLEN"),
			c("LCS", "a", "b", "IDX", "MINMATCHLEN", fmt.Sprint(r.IntN(4))))
	}
	runDiff(t, []diffCase{
		{name: "lcs-docs", cmds: [][]string{c("MSET", "key1", "ohmytext", "key2", "mynewtext"), c("LCS", "key1", "key2"), c("LCS", "key1", "key2", "LEN"),
			c("LCS", "key1", "key2", "IDX"), c("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4"), c("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"),
			c("LCS", "key1", "key2", "withmatchlen", "idx"), c("LCS", "key1", "key2", "LEN", "WITHMATCHLEN"), c("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "-5"),
			c("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "1", "MINMATCHLEN", "3"), c("LCS", "key2", "key1", "IDX", "WITHMATCHLEN")}},
		{name: "lcs-missing-and-equal", cmds: [][]string{c("LCS", "n1", "n2"), c("LCS", "n1", "n2", "IDX"), c("LCS", "n1", "n2", "LEN"), c("SET", "a", "hello"),
			c("LCS", "a", "n"), c("LCS", "a", "a", "IDX", "WITHMATCHLEN"), c("SET", "b", "xyz"), c("LCS", "a", "b", "IDX"), c("SET", "i", "12345"), c("SET", "j", "2x4"), c("LCS", "i", "j", "IDX")}},
		{name: "lcs-binary", cmds: [][]string{c("MSET", "a", "\x00\r\n\xffab\x00", "b", "\r\x00\xff\nb"), c("LCS", "a", "b"), c("LCS", "a", "b", "IDX", "WITHMATCHLEN")}},
		{name: "lcs-errors", cmds: [][]string{c("SET", "a", "abc"), c("RPUSH", "l", "x"), c("LCS", "l", "a"), c("LCS", "a", "l", "FOO"), c("LCS", "a", "b", "FOO"),
			c("LCS", "a", "b", "MINMATCHLEN"), c("LCS", "a", "b", "MINMATCHLEN", "x"), c("LCS", "a", "b", "LEN", "IDX"), c("LCS", "a", "b", "IDX", "LEN", "FOO"),
			c("LCS", "a", "b", "MINMATCHLEN", "x", "LEN", "IDX"), c("LCS", "a"), c("LCS")}},
		{name: "lcs-memory-limit", cmds: [][]string{c("SET", "a", strings.Repeat("a", 20000)), c("SET", "b", strings.Repeat("b", 7000)), c("LCS", "a", "b"),
			c("LCS", "a", "b", "LEN"), c("LCS", "a", "b", "IDX"), c("CONFIG", "SET", "proto-max-bulk-len", "1mb"), c("SET", "a", strings.Repeat("a", 600)),
			c("SET", "b", strings.Repeat("a", 400)), c("LCS", "a", "b", "LEN"), c("SET", "b", strings.Repeat("a", 450)), c("LCS", "a", "b", "LEN"),
			c("CONFIG", "SET", "proto-max-bulk-len", "512mb")}},
		{name: "lcs-fuzz", cmds: fuzz},
		{name: "getkeys", cmds: [][]string{c("COMMAND", "GETKEYS", "LCS", "a", "b", "IDX"), c("COMMAND", "GETKEYS", "BITOP", "AND", "d", "a", "b"),
			c("COMMAND", "GETKEYS", "BITFIELD", "k", "GET", "u8", "0"), c("COMMAND", "GETKEYS", "SETBIT", "k", "0", "1")}},
	})
}
