// Expert-selected matrix multiplication (the MoE "mul_mat_id" primitive):
// every (expert slot, token) pair multiplies its input column by the weight
// matrix of the expert chosen for it.
//
// Linked by name: other modules declare
//   util.func private @moe_components.mul_mat_id(tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>) -> tensor<?x?x?xf32>
module @moe_components {
  //   expert_weights: [n_out, n_in, n_expert]
  //   input:          [n_in, n_expert_used, n_tokens]
  //   expert_ids:     [n_expert_used, n_tokens]
  //   result:         [n_out, n_expert_used, n_tokens]
  util.func public @mul_mat_id(%expert_weights: tensor<?x?x?xf32>, %input: tensor<?x?x?xf32>, %expert_ids: tensor<?x?xi32>) -> tensor<?x?x?xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %zero = arith.constant 0.000000e+00 : f32
    %n_out = tensor.dim %expert_weights, %c0 : tensor<?x?x?xf32>
    %n_in = tensor.dim %expert_weights, %c1 : tensor<?x?x?xf32>
    %n_expert = tensor.dim %expert_weights, %c2 : tensor<?x?x?xf32>
    %n_expert_used = tensor.dim %expert_ids, %c0 : tensor<?x?xi32>
    %n_tokens = tensor.dim %expert_ids, %c1 : tensor<?x?xi32>
    %batch = arith.muli %n_expert_used, %n_tokens : index

    // 1. Transpose weights: [n_out, n_in, n_expert] -> [n_expert, n_out, n_in].
    %weights_t_init = tensor.empty(%n_expert, %n_out, %n_in) : tensor<?x?x?xf32>
    %weights_t = linalg.transpose ins(%expert_weights : tensor<?x?x?xf32>) outs(%weights_t_init : tensor<?x?x?xf32>) permutation = [2, 0, 1]

    // 2. Flatten indices: [n_expert_used, n_tokens] -> [batch].
    %ids_flat = tensor.collapse_shape %expert_ids [[0, 1]] : tensor<?x?xi32> into tensor<?xi32>

    // 3. Gather the selected expert matrices: [batch, n_out, n_in].
    %gathered_init = tensor.empty(%batch, %n_out, %n_in) : tensor<?x?x?xf32>
    %gathered = iree_linalg_ext.gather dimension_map = [0]
        ins(%weights_t, %ids_flat : tensor<?x?x?xf32>, tensor<?xi32>)
        outs(%gathered_init : tensor<?x?x?xf32>) -> tensor<?x?x?xf32>

    // 4. Reshape input for the batched matmul:
    //    [n_in, n_expert_used, n_tokens] -> [n_expert_used, n_tokens, n_in] -> [batch, n_in, 1].
    %input_t_init = tensor.empty(%n_expert_used, %n_tokens, %n_in) : tensor<?x?x?xf32>
    %input_t = linalg.transpose ins(%input : tensor<?x?x?xf32>) outs(%input_t_init : tensor<?x?x?xf32>) permutation = [1, 2, 0]
    %input_flat = tensor.collapse_shape %input_t [[0, 1], [2]] : tensor<?x?x?xf32> into tensor<?x?xf32>
    %input_b = tensor.expand_shape %input_flat [[0], [1, 2]] output_shape [%batch, %n_in, 1] : tensor<?x?xf32> into tensor<?x?x1xf32>

    // 5. Batched matmul: [batch, n_out, n_in] x [batch, n_in, 1] -> [batch, n_out, 1].
    %mm_init = tensor.empty(%batch, %n_out) : tensor<?x?x1xf32>
    %mm_zero = linalg.fill ins(%zero : f32) outs(%mm_init : tensor<?x?x1xf32>) -> tensor<?x?x1xf32>
    %mm = linalg.batch_matmul ins(%gathered, %input_b : tensor<?x?x?xf32>, tensor<?x?x1xf32>) outs(%mm_zero : tensor<?x?x1xf32>) -> tensor<?x?x1xf32>

    // 6. Reshape the output: [batch, n_out, 1] -> [n_expert_used, n_tokens, n_out] -> [n_out, n_expert_used, n_tokens].
    %mm_flat = tensor.collapse_shape %mm [[0], [1, 2]] : tensor<?x?x1xf32> into tensor<?x?xf32>
    %mm_3d = tensor.expand_shape %mm_flat [[0, 1], [2]] output_shape [%n_expert_used, %n_tokens, %n_out] : tensor<?x?xf32> into tensor<?x?x?xf32>
    %result_init = tensor.empty(%n_out, %n_expert_used, %n_tokens) : tensor<?x?x?xf32>
    %result = linalg.transpose ins(%mm_3d : tensor<?x?x?xf32>) outs(%result_init : tensor<?x?x?xf32>) permutation = [2, 0, 1]
    util.return %result : tensor<?x?x?xf32>
  }
}
