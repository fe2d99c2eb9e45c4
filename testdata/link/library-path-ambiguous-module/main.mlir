func.func private @dup.f(i32) -> i32
