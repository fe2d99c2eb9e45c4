// Mixture-of-experts FFN block: routes every token to its top-k experts and
// sums the experts' SwiGLU FFN outputs weighted by the router probabilities.
//
// Depends on two other components, declared here by their dotted names and
// resolved at link time (iree-link or mlir-link):
//   moe/mul_mat_id.mlir     (module @moe_components)
//   activation/swiglu.mlir  (module @activation_components)
module @moe_ffn_components {
  util.func private @moe_components.mul_mat_id(
      tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>
  ) -> tensor<?x?x?xf32>

  util.func private @activation_components.swiglu(
      tensor<?x?x?xf32>, tensor<?x?x?xf32>
  ) -> tensor<?x?x?xf32>

  //   input:          [n_tokens, n_embd]
  //   router_weights: [n_expert, n_embd]
  //   up_weights:     [n_ff, n_embd, n_expert]
  //   gate_weights:   [n_ff, n_embd, n_expert]
  //   down_weights:   [n_embd, n_ff, n_expert]
  //   n_expert_used:  top-k (typically 2)
  //   result:         [n_tokens, n_embd]
  util.func public @moe_ffn_block(%input: tensor<?x?xf32>, %router_weights: tensor<?x?xf32>, %up_weights: tensor<?x?x?xf32>, %gate_weights: tensor<?x?x?xf32>, %down_weights: tensor<?x?x?xf32>, %n_expert_used: index) -> tensor<?x?xf32> {
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
    %probs_init = tensor.empty(%n_tokens, %n_expert) : tensor<?x?xf32>
    %probs = linalg.softmax dimension(1) ins(%logits_tt : tensor<?x?xf32>) outs(%probs_init : tensor<?x?xf32>) -> tensor<?x?xf32>

    // 3. Top-k over the experts -> values and indices [n_tokens, n_expert_used].
    %topv_init = tensor.empty(%n_tokens, %n_expert_used) : tensor<?x?xf32>
    %topv_fill = linalg.fill ins(%neg_inf : f32) outs(%topv_init : tensor<?x?xf32>) -> tensor<?x?xf32>
    %topi_init = tensor.empty(%n_tokens, %n_expert_used) : tensor<?x?xi32>
    %topi_fill = linalg.fill ins(%c0_i32 : i32) outs(%topi_init : tensor<?x?xi32>) -> tensor<?x?xi32>
    %topk:2 = iree_linalg_ext.topk dimension(1)
        ins(%probs : tensor<?x?xf32>)
        outs(%topv_fill, %topi_fill : tensor<?x?xf32>, tensor<?x?xi32>) {
    ^bb0(%lhs: f32, %rhs: f32):
      %gt = arith.cmpf ogt, %lhs, %rhs : f32
      iree_linalg_ext.yield %gt : i1
    } -> tensor<?x?xf32>, tensor<?x?xi32>
    // Routing weights and expert ids: [n_tokens, n_expert_used] -> [n_expert_used, n_tokens].
    %weights_init = tensor.empty(%n_expert_used, %n_tokens) : tensor<?x?xf32>
    %route_weights = linalg.transpose ins(%topk#0 : tensor<?x?xf32>) outs(%weights_init : tensor<?x?xf32>) permutation = [1, 0]
    %ids_init = tensor.empty(%n_expert_used, %n_tokens) : tensor<?x?xi32>
    %expert_ids = linalg.transpose ins(%topk#1 : tensor<?x?xi32>) outs(%ids_init : tensor<?x?xi32>) permutation = [1, 0]

    // 4. Replicate the input for each selected expert: [n_embd, n_expert_used, n_tokens].
    %rep_init = tensor.empty(%n_embd, %n_expert_used, %n_tokens) : tensor<?x?x?xf32>
    %input_rep = linalg.broadcast ins(%input_t : tensor<?x?xf32>) outs(%rep_init : tensor<?x?x?xf32>) dimensions = [1]

    // 5. UP projection: [n_ff, n_expert_used, n_tokens].
    %up = util.call @moe_components.mul_mat_id(%up_weights, %input_rep, %expert_ids) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>) -> tensor<?x?x?xf32>

    // 6. GATE projection: [n_ff, n_expert_used, n_tokens].
    %gate = util.call @moe_components.mul_mat_id(%gate_weights, %input_rep, %expert_ids) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>) -> tensor<?x?x?xf32>

    // 7. Activation: swiglu(gate, up).
    %activated = util.call @activation_components.swiglu(%gate, %up) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>

    // 8. DOWN projection: [n_embd, n_expert_used, n_tokens].
    %down = util.call @moe_components.mul_mat_id(%down_weights, %activated, %expert_ids) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>) -> tensor<?x?x?xf32>

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
    util.return %result : tensor<?x?xf32>
  }
}
