// state.go holds an interpreter: its globals, the call stack used for
// error positions and depth limits, the instruction hook (for time limits
// and SCRIPT KILL), and errors.
package lua

import (
	"fmt"
	"runtime"
)

// MaxCallDepth bounds nested calls: deeper recursion is a "stack
// overflow" error instead of exhausting the Go stack.
const MaxCallDepth = 2000

// MaxStringLen bounds the strings a script can build (512 MB, Redis's
// proto-max-bulk-len default).
const MaxStringLen = 512 << 20

// hookEvery is how many steps (loop iterations and calls) pass between
// calls of the hook.
const hookEvery = 1024

// State is a Lua interpreter.
type State struct {
	Globals *Table
	// StringLib is the table string values index (s:upper()).
	StringLib *Table
	// Hook, if set, is called every few thousand steps; an error it
	// returns aborts the script and cannot be caught by pcall.
	Hook  func() error
	Chunk string // chunk name for messages, e.g. "user_script"

	frames   []*frame // running functions, innermost last; goFrame for Go functions
	goFrame  *frame
	depth    int
	steps    uint64 // loop iterations and calls so far, plus big allocations (Charge)
	nextHook uint64 // the step at which the hook runs next
	rand     uint64 // lrand48 state (math.random)
	strMeta  *Table // what getmetatable returns for a string
}

// frame is one running Lua function.
type frame struct {
	cl      *Closure
	slots   []*Value
	varargs []Value
	line    int // the line of the call or operation running
}

// Error is a Lua error: the value raised (a string with its position for
// runtime errors, any value for error()), and the line of the Lua code
// running when it was raised.
type Error struct {
	Value Value
	Line  int
	Fatal bool // from the hook: pcall does not catch it
}

// Error returns the error's message: a string or number as it is, an
// error table's err field.
func (e *Error) Error() string {
	if s, ok := ToString(e.Value); ok {
		return s
	}
	if t, ok := e.Value.(*Table); ok {
		if s, ok := t.Get("err").(string); ok {
			return s
		}
	}
	return "(error object is a " + TypeName(e.Value) + " value)"
}

// NewState returns an interpreter with the base, string, table and math
// libraries open.
func NewState(chunk string) *State {
	s := &State{Globals: NewTable(0, 64), Chunk: chunk, goFrame: &frame{line: -1}}
	openBase(s)
	openString(s)
	openTable(s)
	openMath(s)
	s.rand = 0x1234ABCD330E // rand.c's initial state: Redis never reseeds it between scripts
	return s
}

// Register sets a global Go function.
func (s *State) Register(name string, fn func(s *State, args []Value) []Value) {
	s.Globals.Set(name, &GoFunction{name, fn})
}

// Compile compiles a chunk into a function any State can call; chunk
// names it in messages.
func Compile(src, chunk string) (*Closure, error) {
	p, err := Parse(src, chunk)
	if err != nil {
		return nil, err
	}
	return &Closure{proto: p}, nil
}

// Load compiles a chunk into a function.
func (s *State) Load(src string) (*Closure, error) {
	p, err := Parse(src, s.Chunk)
	if err != nil {
		return nil, err
	}
	return &Closure{proto: p}, nil
}

// Call calls fn with args, returning its results or the error it raised
// (an *Error). A Go panic inside becomes an error, never a crash.
func (s *State) Call(fn Value, args ...Value) (rets []Value, err error) {
	nframes, depth := len(s.frames), s.depth
	defer func() {
		if r := recover(); r != nil {
			s.frames, s.depth = s.frames[:nframes], depth
			err = s.toError(r)
		}
	}()
	return s.call(fn, args, 0), nil
}

// toError turns a recovered panic into an *Error.
func (s *State) toError(r any) *Error {
	switch e := r.(type) {
	case *Error:
		return e
	case runtime.Error:
		if _, ok := r.(interface{ RuntimeError() }); ok {
			return &Error{Value: "internal error: " + e.Error(), Line: s.currentLine()}
		}
	}
	return &Error{Value: fmt.Sprint("internal error: ", r), Line: s.currentLine()}
}

// currentLine is the line running in the innermost Lua function.
func (s *State) currentLine() int {
	for i := len(s.frames) - 1; i >= 0; i-- {
		if s.frames[i] != s.goFrame {
			return s.frames[i].line
		}
	}
	return 0
}

// where returns the "chunk:line:" prefix for a level (0: the function
// running, 1: its caller), as luaL_where does: empty for a Go function.
func (s *State) where(level int) string {
	i := len(s.frames) - 1 - level
	if i < 0 || i >= len(s.frames) || s.frames[i] == s.goFrame {
		return ""
	}
	return fmt.Sprintf("%s:%d: ", s.Chunk, s.frames[i].line)
}

// Errorf raises an error from a Go function with its caller's position,
// as luaL_error.
func (s *State) Errorf(format string, args ...any) {
	panic(&Error{Value: s.where(1) + fmt.Sprintf(format, args...), Line: s.currentLine()})
}

// Raise raises v as error() does at level 0 (no position added).
func (s *State) Raise(v Value) {
	panic(&Error{Value: v, Line: s.currentLine()})
}

// RaiseFatal raises an error pcall cannot catch.
func (s *State) RaiseFatal(v Value) {
	panic(&Error{Value: v, Line: s.currentLine(), Fatal: true})
}

// rtError raises a runtime error at line of the running function.
func (s *State) rtError(line int, format string, args ...any) {
	if len(s.frames) > 0 && line > 0 && s.frames[len(s.frames)-1] != s.goFrame {
		s.frames[len(s.frames)-1].line = line
	}
	panic(&Error{Value: s.where(0) + fmt.Sprintf(format, args...), Line: s.currentLine()})
}

// tick counts a step and runs the hook now and then.
func (s *State) tick() {
	s.steps++
	if s.steps >= s.nextHook {
		s.runHook()
	}
}

// Charge counts a big allocation as steps (one per 64 KiB), so that the
// hook, which may check memory, runs sooner.
func (s *State) Charge(bytes int) {
	s.steps += uint64(bytes >> 16)
	if s.steps >= s.nextHook {
		s.runHook()
	}
}

// runHook calls the hook, raising what it returns.
func (s *State) runHook() {
	s.nextHook = s.steps + hookEvery
	if s.Hook != nil {
		if err := s.Hook(); err != nil {
			var v Value = err.Error()
			if le, ok := err.(*Error); ok {
				v = le.Value
			}
			s.RaiseFatal(v)
		}
	}
}
