// list.go holds List, the value of a list key: the deque of internal/deque,
// which value.go makes an object (TYPE, OBJECT ENCODING, COPY, the log
// rewrite, the semicolon protocol's GET).
package main

import "nosql/internal/deque"

// List is a list value: a deque of strings. The zero value is an empty
// list.
type List struct{ deque.Deque }

// NewList returns a list holding copies of elems in order.
func NewList(elems [][]byte) *List { return &List{deque.Of(elems)} }

// Clone returns an independent copy.
func (l *List) Clone() *List { return &List{l.Deque.Clone()} }
