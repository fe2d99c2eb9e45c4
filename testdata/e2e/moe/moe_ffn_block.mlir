// Upstream-dialect twin of components/moe/moe_ffn_block.mlir.
//
// Same module name (@moe_ffn_components), function name, signature and the
// same dotted external declarations as the IREE component, so linking it has
// the same shape. Differences, all for upstream MLIR: func.func/func.call
// instead of util.func/util.call, softmax spelled out (max, sub, exp, sum,
// div) instead of linalg.softmax, and top-k as k rounds of arg-max (strictly
// greater wins, so ties go to the lowest expert index) instead of
// iree_linalg_ext.topk.
module @moe_ffn_components {
  // Resolved by the linker against @moe_components and @activation_components.
  func.func private @moe_components.mul_mat_id(
      tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>
  ) -> tensor<?x?x?xf32>

  func.func private @activation_components.swiglu(
      tensor<?x?x?xf32>, tensor<?x?x?xf32>
  ) -> tensor<?x?x?xf32>

  // Mixture-of-experts FFN block.
  //   input:          [n_tokens, n_embd]
  //   router_weights: [n_expert, n_embd]
  //   up_weights:     [n_ff, n_embd, n_expert]
  //   gate_weights:   [n_ff, n_embd, n_expert]
  //   down_weights:   [n_embd, n_ff, n_expert]
  //   n_expert_used:  top-k
  //   result:         [n_tokens, n_embd]
  func.func public @moe_ffn_block(%input: tensor<?x?xf32>, %router_weights: tensor<?x?xf32>, %up_weights: tensor<?x?x?xf32>, %gate_weights: tensor<?x?x?xf32>, %down_weights: tensor<?x?x?xf32>, %n_expert_used: index) -> tensor<?x?xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %zero = arith.constant 0.000000e+00 : f32
    %neg_inf = arith.constant 0xFF800000 : f32
    %c0_i32 = arith.constant 0 : i32
    %n_tokens = tensor.dim %input, %c0 : tensor<?x?xf32>
    %n_embd = tensor.dim %input, %c1 : tensor<?x?xf32>
    %n_expert = tensor.dim %router_weights, %c0 : tensor<?x?xf32>

    // 1. Router: logits = router_weights @ input^T -> [n_expert, n_tokens].
    %input_t_init = tensor.empty(%n_embd, %n_tokens) : tensor<?x?xf32>
    %input_t = linalg.transpose ins(%input : tensor<?x?xf32>) outs(%input_t_init : tensor<?x?xf32>) permutation = [1, 0]
    %logits_init = tensor.empty(%n_expert, %n_tokens) : tensor<?x?xf32>
    %logits_zero = linalg.fill ins(%zero : f32) outs(%logits_init : tensor<?x?xf32>) -> tensor<?x?xf32>
    %logits = linalg.matmul ins(%router_weights, %input_t : tensor<?x?xf32>, tensor<?x?xf32>) outs(%logits_zero : tensor<?x?xf32>) -> tensor<?x?xf32>

    // 2. Softmax over the experts, on [n_tokens, n_expert] (experts innermost).
    %logits_tt_init = tensor.empty(%n_tokens, %n_expert) : tensor<?x?xf32>
    %logits_tt = linalg.transpose ins(%logits : tensor<?x?xf32>) outs(%logits_tt_init : tensor<?x?xf32>) permutation = [1, 0]
    %row_init = tensor.empty(%n_tokens) : tensor<?xf32>
    %max_init = linalg.fill ins(%neg_inf : f32) outs(%row_init : tensor<?xf32>) -> tensor<?xf32>
    %row_max = linalg.generic {
        indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
        iterator_types = ["parallel", "reduction"]}
        ins(%logits_tt : tensor<?x?xf32>) outs(%max_init : tensor<?xf32>) {
    ^bb0(%x: f32, %acc: f32):
      %m = arith.maximumf %x, %acc : f32
      linalg.yield %m : f32
    } -> tensor<?xf32>
    %exp_init = tensor.empty(%n_tokens, %n_expert) : tensor<?x?xf32>
    %exps = linalg.generic {
        indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>],
        iterator_types = ["parallel", "parallel"]}
        ins(%logits_tt, %row_max : tensor<?x?xf32>, tensor<?xf32>) outs(%exp_init : tensor<?x?xf32>) {
    ^bb0(%x: f32, %mx: f32, %out: f32):
      %s = arith.subf %x, %mx : f32
      %e = math.exp %s : f32
      linalg.yield %e : f32
    } -> tensor<?x?xf32>
    %sum_init = linalg.fill ins(%zero : f32) outs(%row_init : tensor<?xf32>) -> tensor<?xf32>
    %row_sum = linalg.generic {
        indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
        iterator_types = ["parallel", "reduction"]}
        ins(%exps : tensor<?x?xf32>) outs(%sum_init : tensor<?xf32>) {
    ^bb0(%x: f32, %acc: f32):
      %a = arith.addf %x, %acc : f32
      linalg.yield %a : f32
    } -> tensor<?xf32>
    %probs_init = tensor.empty(%n_tokens, %n_expert) : tensor<?x?xf32>
    %probs = linalg.generic {
        indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>],
        iterator_types = ["parallel", "parallel"]}
        ins(%exps, %row_sum : tensor<?x?xf32>, tensor<?xf32>) outs(%probs_init : tensor<?x?xf32>) {
    ^bb0(%x: f32, %sm: f32, %out: f32):
      %d = arith.divf %x, %sm : f32
      linalg.yield %d : f32
    } -> tensor<?x?xf32>

    // 3. Top-k over the experts: k rounds of arg-max, masking each winner with -inf.
    //    -> values and indices [n_tokens, n_expert_used].
    %topv_init = tensor.empty(%n_tokens, %n_expert_used) : tensor<?x?xf32>
    %topi_init = tensor.empty(%n_tokens, %n_expert_used) : tensor<?x?xi32>
    %topk:3 = scf.for %j = %c0 to %n_expert_used step %c1
        iter_args(%work = %probs, %topv = %topv_init, %topi = %topi_init)
        -> (tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xi32>) {
      %best_v_init = linalg.fill ins(%neg_inf : f32) outs(%row_init : tensor<?xf32>) -> tensor<?xf32>
      %idx_empty = tensor.empty(%n_tokens) : tensor<?xi32>
      %best_i_init = linalg.fill ins(%c0_i32 : i32) outs(%idx_empty : tensor<?xi32>) -> tensor<?xi32>
      %best:2 = linalg.generic {
          indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>],
          iterator_types = ["parallel", "reduction"]}
          ins(%work : tensor<?x?xf32>) outs(%best_v_init, %best_i_init : tensor<?xf32>, tensor<?xi32>) {
      ^bb0(%x: f32, %bv: f32, %bi: i32):
        %e = linalg.index 1 : index
        %ei = arith.index_cast %e : index to i32
        %gt = arith.cmpf ogt, %x, %bv : f32
        %nv = arith.select %gt, %x, %bv : f32
        %ni = arith.select %gt, %ei, %bi : i32
        linalg.yield %nv, %ni : f32, i32
      } -> (tensor<?xf32>, tensor<?xi32>)
      %topv_next = tensor.insert_slice %best#0 into %topv[0, %j] [%n_tokens, 1] [1, 1] : tensor<?xf32> into tensor<?x?xf32>
      %topi_next = tensor.insert_slice %best#1 into %topi[0, %j] [%n_tokens, 1] [1, 1] : tensor<?xi32> into tensor<?x?xi32>
      // Masks in place (outs = %work), so the loop-carried tensor stays one buffer.
      %masked = linalg.generic {
          indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>],
          iterator_types = ["parallel", "parallel"]}
          ins(%best#1 : tensor<?xi32>) outs(%work : tensor<?x?xf32>) {
      ^bb0(%bi: i32, %x: f32):
        %e = linalg.index 1 : index
        %ei = arith.index_cast %e : index to i32
        %hit = arith.cmpi eq, %ei, %bi : i32
        %v = arith.select %hit, %neg_inf, %x : f32
        linalg.yield %v : f32
      } -> tensor<?x?xf32>
      scf.yield %masked, %topv_next, %topi_next : tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xi32>
    }
    // Routing weights and expert ids: [n_tokens, n_expert_used] -> [n_expert_used, n_tokens].
    %weights_init = tensor.empty(%n_expert_used, %n_tokens) : tensor<?x?xf32>
    %route_weights = linalg.transpose ins(%topk#1 : tensor<?x?xf32>) outs(%weights_init : tensor<?x?xf32>) permutation = [1, 0]
    %ids_init = tensor.empty(%n_expert_used, %n_tokens) : tensor<?x?xi32>
    %expert_ids = linalg.transpose ins(%topk#2 : tensor<?x?xi32>) outs(%ids_init : tensor<?x?xi32>) permutation = [1, 0]

    // 4. Replicate the input for each selected expert: [n_embd, n_expert_used, n_tokens].
    %rep_init = tensor.empty(%n_embd, %n_expert_used, %n_tokens) : tensor<?x?x?xf32>
    %input_rep = linalg.broadcast ins(%input_t : tensor<?x?xf32>) outs(%rep_init : tensor<?x?x?xf32>) dimensions = [1]

    // 5. UP projection: [n_ff, n_expert_used, n_tokens].
    %up = func.call @moe_components.mul_mat_id(%up_weights, %input_rep, %expert_ids) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>) -> tensor<?x?x?xf32>

    // 6. GATE projection: [n_ff, n_expert_used, n_tokens].
    %gate = func.call @moe_components.mul_mat_id(%gate_weights, %input_rep, %expert_ids) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>) -> tensor<?x?x?xf32>

    // 7. Activation: swiglu(gate, up).
    %activated = func.call @activation_components.swiglu(%gate, %up) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>

    // 8. DOWN projection: [n_embd, n_expert_used, n_tokens].
    %down = func.call @moe_components.mul_mat_id(%down_weights, %activated, %expert_ids) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>) -> tensor<?x?x?xf32>

    // 9. Weight by the routing weights and sum over the expert dim: [n_embd, n_tokens].
    %sum_out_init = tensor.empty(%n_embd, %n_tokens) : tensor<?x?xf32>
    %sum_out_zero = linalg.fill ins(%zero : f32) outs(%sum_out_init : tensor<?x?xf32>) -> tensor<?x?xf32>
    %summed = linalg.generic {
        indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d2)>],
        iterator_types = ["parallel", "reduction", "parallel"]}
        ins(%down, %route_weights : tensor<?x?x?xf32>, tensor<?x?xf32>) outs(%sum_out_zero : tensor<?x?xf32>) {
    ^bb0(%d: f32, %w: f32, %acc: f32):
      %p = arith.mulf %d, %w : f32
      %s = arith.addf %acc, %p : f32
      linalg.yield %s : f32
    } -> tensor<?x?xf32>

    // 10. Transpose: [n_embd, n_tokens] -> [n_tokens, n_embd].
    %result_init = tensor.empty(%n_tokens, %n_embd) : tensor<?x?xf32>
    %result = linalg.transpose ins(%summed : tensor<?x?xf32>) outs(%result_init : tensor<?x?xf32>) permutation = [1, 0]
    return %result : tensor<?x?xf32>
  }
}
