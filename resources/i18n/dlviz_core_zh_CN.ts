<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>core</name>
    <message>
      <source>Neural network basics</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Convolutional networks</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recurrent networks</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Attention and Transformers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Generative models</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tools</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>MLP playground (2-D)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How hidden layers bend a decision boundary around the data.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stacked non-linear layers trained by backpropagation.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>MLP on handwritten digits</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A fully connected net reads 8×8 digits: 64 inputs, 10 outputs.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pixels in, class scores out; softmax and cross-entropy.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Convolution arithmetic</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Output sizes, padding, parameters, cost and receptive fields of convolutions, with the kernel sliding step by step.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Each output value is a dot product of the kernel with one window of the input; sizes, parameters and cost follow from a few formulas.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Data augmentation preview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Random flips, crops, rotations, brightness and contrast: many training images from one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A CNN is not invariant to scale or rotation by itself; showing it transformed copies of each image helps it generalise.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>LeNet-5</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Convolution, pooling and a small classifier read digits.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Convolution and pooling learn local features shared across the image; a few fully connected layers classify them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>AlexNet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A deeper LeNet with ReLU, max pooling and dropout.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A much deeper and wider LeNet: ReLU, dropout, overlapping max pooling, data augmentation, trained on GPUs.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>NiN</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>1×1 convolutions and global average pooling instead of dense layers.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>1×1 convolutions act as a per-pixel MLP; global average pooling replaces the fully connected layers.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>GoogLeNet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Inception blocks: four parallel paths joined along channels.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Inception blocks run 1×1, 3×3, 5×5 and pooling paths in parallel; 1×1 convolutions cut the channels first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>VGG</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Blocks of 3×3 convolutions: depth from one repeated pattern.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Repeated blocks of 3×3 convolutions then max pooling: depth from a simple, regular pattern.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>ResNet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Skip connections: switch them off and watch a deep net stall.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Residual blocks add their input to their output, so very deep networks still train.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>MobileNet v1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Depthwise-separable convolutions: far fewer weights per layer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Depthwise-separable convolutions: a per-channel 3×3 filter and a 1×1 channel mixer cost far fewer weights than one full convolution.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recurrent network (RNN)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>One hidden state carried through time, and why its gradient vanishes.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>h_t = tanh(W·x_t + U·h_{t−1} + b): the same weights at every step.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Long short-term memory (LSTM)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Forget, input and output gates guard a cell state that keeps memory.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>An additive cell state c_t = f⊙c_{t−1} + i⊙g lets memory last.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Gated recurrent unit (GRU)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Update and reset gates: an LSTM with fewer parts and no cell state.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>h_t = (1 − z)⊙h̃ + z⊙h_{t−1}: the update gate mixes old and new.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Seq2seq with attention</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The decoder learns where to look: attention aligns output and input.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Each output step takes a weighted sum of all encoder states.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Transformer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Self-attention, many heads, positions and the causal mask.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Attention only: no recurrence, every position sees every other.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Autoencoder with a 2-D code</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Squeeze digits through two numbers; spot digits it never saw.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Encoder and decoder trained to reproduce the input.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Variational autoencoder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A latent space you can sample: reparameterisation plus a KL term.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Encode to a Gaussian, sample z = μ + σ·ε, decode.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Conditional GAN on digits</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Give both networks the label and G draws the digit you ask for.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Condition G and D on the class label.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>GAN in one dimension</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>G moves its density onto the data until D(x) = ½ everywhere.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A generator and a discriminator play a minimax game.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>GAN in two dimensions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Mode collapse, D's landscape and the pull on each generated point.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Watch G warp its noise plane onto the target's modes.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DCGAN on digits</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A convolutional generator learns to draw digits from noise.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Transposed convolutions, batch norm and LeakyReLU make GANs train.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Optimizer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The rule that turns gradients into weight updates.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SGD</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SGD+momentum</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nesterov</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Adagrad</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>RMSprop</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Adadelta</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Adam</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Learning rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Step size of each update.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Batch size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Samples per gradient step.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Weight decay (L2)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Penalty on large weights, added by the optimizer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Seed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Same seed, same initial weights and batches.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dataset</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>moons</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>circles</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>xor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>spirals</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>blobs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Samples</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Noise</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Standard deviation of the jitter.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Validation share</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Part of the data held out.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hidden layers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Neurons per layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Activation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Non-linearity after each hidden layer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>ReLU</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>sigmoid</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>tanh</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>LeakyReLU</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>ELU</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>GELU</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>L1 penalty</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Adds λ·Σ|w| to the loss: pushes weights to exactly zero.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dropout</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fraction of hidden units zeroed at random while training.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>MNIST folder (optional)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A folder with MNIST IDX files; empty uses the bundled digits.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Input size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Height and width of the square input.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Kernel size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stride</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Padding</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dilation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Channels in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Channels out</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Padding mode</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>valid: no padding; same: output as large as the input.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>custom</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>valid</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>same</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Digit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Which of the 1,797 bundled handwritten digits to show.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Random horizontal flip</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Mirror half of the training images left to right.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Random vertical flip</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Mirror half of the training images top to bottom.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Crop: smallest area kept</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cut a random square keeping at least this share of the area, then resize it back (1 = off).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rotation (degrees)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rotate each image by a random angle up to this.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Brightness change</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Scale pixel values by a random factor 1 ± this.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Contrast change</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stretch values around the image mean by a factor 1 ± this.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Shown sample</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Which validation image the feature maps show.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The 1998 network used sigmoid-like squashing.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pooling</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The 1998 network averaged; later nets take the maximum.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>avg</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>max</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Width multiplier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Scales the number of channels of every layer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Convolutions per block</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Three blocks of 16, 32, 64 channels, each then pooled.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>1-1-2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>2-2-2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>2-2-3</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Skip connections</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add each block's input to its output.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Depth</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Layers with weights: 1, 2 or 3 blocks per stage.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>8</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>14</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>20</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Task</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Adding problem, sine forecast, copy, reverse or parity.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>adding</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>forecast</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>copy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>reverse</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>parity</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sequence length</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Time steps per sequence: longer is harder.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hidden units</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Size of the hidden state h (and of c for the LSTM).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Layers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recurrent layers stacked on each other.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Bidirectional</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Also read the sequence backwards and join both directions.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Gradient clipping</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rescale the gradient when its norm exceeds the threshold.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Clipping threshold</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Largest gradient norm allowed when clipping is on.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Normalise written dates, or reverse strings.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>dates</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Generated pairs, training and validation.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Part held out (at most 400 are used).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Attention score</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Additive (an MLP) or scaled dot product.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>additive</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>dot</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Embedding size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hidden size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Teacher forcing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Chance of feeding the true previous token while training.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Beam width</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hypotheses kept by beam search (1 is greedy).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dates, reversal: encoder-decoder. Sentiment, pattern: encoder only.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>sentiment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>pattern</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Model width</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Heads</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Must divide the model width.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Feed-forward size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Held-out digit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Left out of training: its images become the anomalies.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>none</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>0</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>3</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>4</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>5</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>6</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>7</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>9</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>KL weight β</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Weight of the KL term.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>GAN loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>minimax</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>nonsaturating</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>lsgan</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>wgan-gp</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>D steps per G step (k)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>D learning rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Noise dimension</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Channels</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Feature maps of the first convolution (doubled in the next).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Gradient penalty λ</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Weight of WGAN-GP's gradient penalty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Target</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>gaussian</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>mixture</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>minimax saturates; non-saturating, LSGAN and WGAN fix that.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>wgan</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Discriminator updates per generator update.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Step size of D (G uses the main learning rate).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Length of the random vector z fed to G.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Noise distribution</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Where z is drawn from.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>normal</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>uniform</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>G width</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>G hidden layers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>D width</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>D hidden layers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>WGAN weight clip</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Critic weights are clamped to ±clip (WGAN only).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ring of 8, grid of 25, spiral, moons or a drawing.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>ring</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>grid</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>spiral</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>drawn</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>unknown hyperparameter(s): {names}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>expected on/off, got {value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>must be at least {limit}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>must be at most {limit}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>expected a number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>must be a finite number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>must be one of {allowed}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>a value is required</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>must be a whole number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{text} is not a number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>training loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>validation loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>training accuracy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>validation accuracy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>d loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>val d loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>g loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>val g loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>d real</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>val d real</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>d fake</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>val d fake</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>d gap</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>val d gap</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>modes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>val modes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>quality</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>val quality</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>recon</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>val recon</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>kl</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>val kl</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>token acc</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>val token acc</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>seq acc</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>val seq acc</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>bleu</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>val bleu</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>grad norm</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>val grad norm</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
