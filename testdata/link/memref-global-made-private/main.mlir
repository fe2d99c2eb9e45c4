func.func private @tables.lookup(index) -> f32
