// lib_math.go is the math library, with math.random drawing from Redis's
// lrand48 generator (rand.c), whose state lives as long as the interpreter.
package lua

import "math"

func openMath(s *State) {
	lib := NewTable(0, 32)
	one := func(name string, f func(float64) float64) {
		lib.Set(name, &GoFunction{name, func(s *State, args []Value) []Value {
			return []Value{f(s.CheckNumber(args, 0, name))}
		}})
	}
	one("abs", math.Abs)
	one("ceil", math.Ceil)
	one("floor", math.Floor)
	one("sqrt", math.Sqrt)
	one("sin", math.Sin)
	one("cos", math.Cos)
	one("tan", math.Tan)
	one("asin", math.Asin)
	one("acos", math.Acos)
	one("atan", math.Atan)
	one("sinh", math.Sinh)
	one("cosh", math.Cosh)
	one("tanh", math.Tanh)
	one("exp", math.Exp)
	one("log10", math.Log10)
	one("log", math.Log)
	one("deg", func(x float64) float64 { return x * 180 / math.Pi })
	one("rad", func(x float64) float64 { return x * math.Pi / 180 })
	two := func(name string, f func(a, b float64) float64) {
		lib.Set(name, &GoFunction{name, func(s *State, args []Value) []Value {
			return []Value{f(s.CheckNumber(args, 0, name), s.CheckNumber(args, 1, name))}
		}})
	}
	two("pow", math.Pow)
	two("fmod", func(a, b float64) float64 {
		if r := math.Mod(a, b); !math.IsNaN(r) {
			return r
		}
		return math.Float64frombits(0xFFF8000000000000) // C's fmod on x86: -nan
	})
	two("atan2", math.Atan2)
	two("ldexp", func(a, b float64) float64 { return math.Ldexp(a, int(b)) })
	lib.Set("modf", &GoFunction{"modf", func(s *State, args []Value) []Value {
		i, f := math.Modf(s.CheckNumber(args, 0, "modf"))
		return []Value{i, f}
	}})
	lib.Set("frexp", &GoFunction{"frexp", func(s *State, args []Value) []Value {
		f, e := math.Frexp(s.CheckNumber(args, 0, "frexp"))
		return []Value{f, float64(e)}
	}})
	lib.Set("max", &GoFunction{"max", mathMax})
	lib.Set("min", &GoFunction{"min", mathMin})
	lib.Set("random", &GoFunction{"random", mathRandom})
	lib.Set("randomseed", &GoFunction{"randomseed", func(s *State, args []Value) []Value {
		s.SeedRandom(int32(s.CheckInt(args, 0, "randomseed")))
		return nil
	}})
	lib.Set("huge", math.Inf(1))
	lib.Set("pi", math.Pi)
	s.Globals.Set("math", lib)
}

func mathMax(s *State, args []Value) []Value {
	m := s.CheckNumber(args, 0, "max")
	for i := 1; i < len(args); i++ {
		if v := s.CheckNumber(args, i, "max"); v > m {
			m = v
		}
	}
	return []Value{m}
}

func mathMin(s *State, args []Value) []Value {
	m := s.CheckNumber(args, 0, "min")
	for i := 1; i < len(args); i++ {
		if v := s.CheckNumber(args, i, "min"); v < m {
			m = v
		}
	}
	return []Value{m}
}

// SeedRandom seeds math.random as Redis's redisSrand48 does.
func (s *State) SeedRandom(seed int32) {
	s.rand = uint64(uint32(seed))<<16 | 0x330E
}

// lrand48 returns the next 31-bit number of the 48-bit generator.
func (s *State) lrand48() int64 {
	s.rand = (0x5DEECE66D*s.rand + 0xB) & (1<<48 - 1)
	return int64(s.rand >> 17)
}

func mathRandom(s *State, args []Value) []Value {
	const randMax = math.MaxInt32
	r := float64(s.lrand48()%randMax) / randMax
	switch len(args) {
	case 0:
		return []Value{r}
	case 1:
		u := s.CheckInt(args, 0, "random")
		if u < 1 {
			s.argError(1, "random", "interval is empty")
		}
		return []Value{math.Floor(r*float64(u)) + 1}
	case 2:
		l := s.CheckInt(args, 0, "random")
		u := s.CheckInt(args, 1, "random")
		if l > u {
			s.argError(2, "random", "interval is empty")
		}
		return []Value{math.Floor(r*float64(u-l+1)) + float64(l)}
	}
	s.Errorf("wrong number of arguments")
	return nil
}
