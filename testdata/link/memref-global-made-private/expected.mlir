func.func private @tables.lookup(%i: index) -> f32 {
  %t = memref.get_global @tables.table : memref<4xf32>
  %v = memref.load %t[%i] : memref<4xf32>
  return %v : f32
}

memref.global "private" constant @tables.table : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
