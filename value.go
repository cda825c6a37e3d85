// value.go holds the value model. A Value is either a string, packed with
// its key in a table's chunks, or an object: a raw string (rawstring.go,
// a string that changes in place), a list now, and the hashes, sets,
// sorted sets and streams to come. Everything that must know what a
// value is (TYPE, OBJECT ENCODING, the log rewrite, COPY, the semicolon
// protocol's GET) asks the value through the object interface instead of
// switching on kinds.
package main

import (
	"strconv"

	"nosql/internal/pairlist"
)

// object is a stored value other than a string. Its shard's lock guards
// it; a command changes it in place.
type object interface {
	// typeName is the value's TYPE.
	typeName() string
	// encoding is OBJECT ENCODING's answer, as Redis 7.0 names it.
	encoding() string
	// clone returns an independent copy (COPY, the rewrite's snapshot).
	clone() object
	// rewrite calls emit with records that rebuild the value under key.
	rewrite(key string, emit func(args ...string) error) error
	// appendText writes the value as the semicolon protocol shows it.
	appendText(dst []byte) []byte
}

// Value is one stored value: a packed string (integers are stored as
// their canonical decimal string, as Redis stores them) or an object,
// which may be a raw string.
type Value struct {
	str string
	obj object // nil for a packed string
}

// A compact hash is packed: its pairlist's bytes are kept in its key's
// record, as a string's are (table.go), not as an object of its own, which
// would cost a header and a slot besides. Reading the key unpacks a Hash
// over those bytes, which never change; a write changes that Hash, whose
// new pairlist is packed again when it is stored back (DB.storeHash).

// packedOf returns the bytes o is packed into its record as, and whether
// it is packed.
func packedOf(o object) (string, bool) {
	if h, ok := o.(*Hash); ok && h.ht == nil {
		return string(h.lp), true
	}
	return "", false
}

// unpack returns the object packed as b.
func unpack(b string) object { return &Hash{lp: pairlist.List(b)} }

// StringValue returns a string Value.
func StringValue(s string) Value { return Value{str: s} }

// isString reports whether v holds a string, packed or raw.
func (v Value) isString() bool { return v.obj == nil || v.raw() != nil }

// raw returns the raw string v holds, or nil.
func (v Value) raw() *rawString {
	r, _ := v.obj.(*rawString)
	return r
}

// Str returns the bytes of a string Value. A raw string's are a view that
// the next write to its key changes: read them while the command runs, and
// use keep for what outlives it (a reply).
func (v Value) Str() string {
	if r := v.raw(); r != nil {
		return bytesString(r.B)
	}
	return v.str
}

// keep returns the bytes of a string Value as a string that never changes,
// which a reply may queue by reference: a packed string, or a raw string's
// bytes marked shared (the next write to them copies them first).
func (v Value) keep() string {
	if r := v.raw(); r != nil {
		return r.Keep()
	}
	return v.str
}

// list returns the list v holds, or nil.
func (v Value) list() *List {
	l, _ := v.obj.(*List)
	return l
}

// TypeName is the Redis TYPE of v.
func (v Value) TypeName() string {
	if v.obj == nil {
		return "string"
	}
	return v.obj.typeName()
}

// Encoding is the Redis OBJECT ENCODING of v. A packed string is "int"
// when it is a 64-bit integer in canonical form, "embstr" up to 44 bytes,
// else "raw"; a raw string is "raw", as Redis's strings are once changed
// in place.
func (v Value) Encoding() string {
	switch {
	case v.obj != nil:
		return v.obj.encoding()
	case len(v.str) <= 20 && isCanonicalInt(v.str):
		return "int"
	case len(v.str) <= 44:
		return "embstr"
	}
	return "raw"
}

// isCanonicalInt reports whether s is an integer as Redis stores it
// encoded: what strconv.FormatInt would give back.
func isCanonicalInt(s string) bool {
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && strconv.FormatInt(n, 10) == s
}

// clone returns v with its object copied.
func (v Value) clone() Value {
	if v.obj != nil {
		v.obj = v.obj.clone()
	}
	return v
}

// appendText writes v as the semicolon protocol shows it: a string
// escaped, an object as its kind shows it.
func (v Value) appendText(dst []byte) []byte {
	if v.obj == nil {
		return appendEscaped(dst, v.str)
	}
	return v.obj.appendText(dst)
}

// rewrite calls emit with records that rebuild v under key.
func (v Value) rewrite(key string, emit func(args ...string) error) error {
	if v.obj == nil {
		return emit("SET", key, v.str)
	}
	return v.obj.rewrite(key, emit)
}

// The List as an object.

func (l *List) typeName() string { return "list" }
func (l *List) encoding() string { return "quicklist" }
func (l *List) clone() object    { return l.Clone() }
func (l *List) appendText(dst []byte) []byte {
	return appendPyList(dst, l.AppendTo(nil))
}

// rewrite emits RPUSH in groups of rewriteItemsPerOp elements, as Redis
// writes lists, or nosql's own PUTLIST for an empty list.
func (l *List) rewrite(key string, emit func(args ...string) error) error {
	if l.Len() == 0 {
		return emit("PUTLIST", key)
	}
	args := make([]string, 0, min(l.Len(), rewriteItemsPerOp)+2)
	for i := 0; i < l.Len(); i += rewriteItemsPerOp {
		args = append(args[:0], "RPUSH", key)
		for j := i; j < min(i+rewriteItemsPerOp, l.Len()); j++ {
			args = append(args, l.At(j))
		}
		if err := emit(args...); err != nil {
			return err
		}
	}
	return nil
}
