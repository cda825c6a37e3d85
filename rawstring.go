// rawstring.go holds rawString, the string kind that changes in place:
// what APPEND, SETRANGE, SETBIT, BITFIELD and BITOP write (Redis's raw
// encoding), and any string of bigString bytes or more. Its bytes and
// their copy on write are internal/rawstr's Buf; this file gives it the
// object methods (value.go).
package main

import "nosql/internal/rawstr"

// bigString is the length from which a string is kept as a rawString even
// when written whole (SET): its object costs nothing beside it, and an
// in-place write to it need not copy it first.
const bigString = refMin

// rawString is a string whose bytes change in place. Its shard's lock
// guards it.
type rawString struct{ rawstr.Buf }

// newRawString returns a raw string holding b, which it now owns.
func newRawString(b []byte) *rawString { return &rawString{rawstr.Buf{B: b}} }

// sharedRaw returns a raw string that shares the bytes of s, a packed
// string (which never changes): its first write copies them.
func sharedRaw(s string) *rawString { return &rawString{rawstr.FromString(s)} }

func (r *rawString) typeName() string { return "string" }
func (r *rawString) encoding() string { return "raw" }

// clone shares r's bytes; both copies copy them before their next write.
func (r *rawString) clone() object { return &rawString{r.Share()} }

func (r *rawString) rewrite(key string, emit func(args ...string) error) error {
	return emit("SET", key, bytesString(r.B))
}

func (r *rawString) appendText(dst []byte) []byte { return appendEscaped(dst, r.B) }
