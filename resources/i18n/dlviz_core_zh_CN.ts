<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>core</name>
    <message>
      <source>Neural network basics</source>
      <translation>神经网络基础</translation>
    </message>
    <message>
      <source>Optimization and regularization</source>
      <translation>优化与正则化</translation>
    </message>
    <message>
      <source>Convolutional networks</source>
      <translation>卷积神经网络</translation>
    </message>
    <message>
      <source>Detection and segmentation</source>
      <translation>目标检测与图像分割</translation>
    </message>
    <message>
      <source>Recurrent networks</source>
      <translation>循环神经网络</translation>
    </message>
    <message>
      <source>Attention and Transformers</source>
      <translation>注意力机制与 Transformer</translation>
    </message>
    <message>
      <source>Generative models</source>
      <translation>生成模型</translation>
    </message>
    <message>
      <source>Siamese networks and distillation</source>
      <translation>孪生网络与知识蒸馏</translation>
    </message>
    <message>
      <source>Tools</source>
      <translation>工具</translation>
    </message>
    <message>
      <source>MLP playground (2-D)</source>
      <translation>多层感知机演练场（二维）</translation>
    </message>
    <message>
      <source>How hidden layers bend a decision boundary around the data.</source>
      <translation>隐藏层如何把决策边界弯曲成贴合数据的形状。</translation>
    </message>
    <message>
      <source>Stacked non-linear layers trained by backpropagation.</source>
      <translation>多层非线性层叠加，用反向传播训练。</translation>
    </message>
    <message>
      <source>MLP on handwritten digits</source>
      <translation>多层感知机识别手写数字</translation>
    </message>
    <message>
      <source>A fully connected net reads 8×8 digits: 64 inputs, 10 outputs.</source>
      <translation>全连接网络读取 8×8 的数字图像：64 个输入，10 个输出。</translation>
    </message>
    <message>
      <source>Pixels in, class scores out; softmax and cross-entropy.</source>
      <translation>输入像素，输出各类得分；用 softmax 和交叉熵。</translation>
    </message>
    <message>
      <source>Optimizers on a loss surface</source>
      <translation>优化器在损失曲面上的比赛</translation>
    </message>
    <message>
      <source>SGD, momentum, Nesterov, Adagrad, RMSprop, Adadelta and Adam race downhill from the same start.</source>
      <translation>SGD、动量、Nesterov、Adagrad、RMSprop、Adadelta 和 Adam 从同一起点比赛下山。</translation>
    </message>
    <message>
      <source>Each optimizer turns the same gradients into different steps.</source>
      <translation>同样的梯度，在不同优化器手里变成不同的步子。</translation>
    </message>
    <message>
      <source>Convolution arithmetic</source>
      <translation>卷积计算</translation>
    </message>
    <message>
      <source>Output sizes, padding, parameters, cost and receptive fields of convolutions, with the kernel sliding step by step.</source>
      <translation>卷积的输出尺寸、填充、参数量、计算量和感受野，并逐步演示卷积核的滑动。</translation>
    </message>
    <message>
      <source>Each output value is a dot product of the kernel with one window of the input; sizes, parameters and cost follow from a few formulas.</source>
      <translation>每个输出值都是卷积核与输入中一个窗口的点积；尺寸、参数量和计算量由几条公式得出。</translation>
    </message>
    <message>
      <source>Data augmentation preview</source>
      <translation>数据增强预览</translation>
    </message>
    <message>
      <source>Random flips, crops, rotations, brightness and contrast: many training images from one.</source>
      <translation>随机翻转、裁剪、旋转、亮度和对比度：一张图变出许多训练图像。</translation>
    </message>
    <message>
      <source>A CNN is not invariant to scale or rotation by itself; showing it transformed copies of each image helps it generalise.</source>
      <translation>卷积网络本身对缩放和旋转并不具有不变性；给它看每张图像的变换版本，有助于泛化。</translation>
    </message>
    <message>
      <source>LeNet-5</source>
      <translation>LeNet-5</translation>
    </message>
    <message>
      <source>Convolution, pooling and a small classifier read digits.</source>
      <translation>卷积、池化加一个小分类器来识别数字。</translation>
    </message>
    <message>
      <source>Convolution and pooling learn local features shared across the image; a few fully connected layers classify them.</source>
      <translation>卷积与池化学习在整幅图像上共享的局部特征，再由几层全连接层完成分类。</translation>
    </message>
    <message>
      <source>AlexNet</source>
      <translation>AlexNet</translation>
    </message>
    <message>
      <source>A deeper LeNet with ReLU, max pooling and dropout.</source>
      <translation>更深的 LeNet：使用 ReLU、最大池化和 Dropout。</translation>
    </message>
    <message>
      <source>A much deeper and wider LeNet: ReLU, dropout, overlapping max pooling, data augmentation, trained on GPUs.</source>
      <translation>更深更宽的 LeNet：ReLU、Dropout、重叠最大池化、数据增强，并在 GPU 上训练。</translation>
    </message>
    <message>
      <source>NiN</source>
      <translation>NiN</translation>
    </message>
    <message>
      <source>1×1 convolutions and global average pooling instead of dense layers.</source>
      <translation>用 1×1 卷积和全局平均池化代替全连接层。</translation>
    </message>
    <message>
      <source>1×1 convolutions act as a per-pixel MLP; global average pooling replaces the fully connected layers.</source>
      <translation>1×1 卷积相当于逐像素的多层感知机；全局平均池化取代全连接层。</translation>
    </message>
    <message>
      <source>GoogLeNet</source>
      <translation>GoogLeNet</translation>
    </message>
    <message>
      <source>Inception blocks: four parallel paths joined along channels.</source>
      <translation>Inception 块：四条并行路径在通道维上拼接。</translation>
    </message>
    <message>
      <source>Inception blocks run 1×1, 3×3, 5×5 and pooling paths in parallel; 1×1 convolutions cut the channels first.</source>
      <translation>Inception 块并行运行 1×1、3×3、5×5 卷积和池化四条路径；先用 1×1 卷积减少通道数。</translation>
    </message>
    <message>
      <source>VGG</source>
      <translation>VGG</translation>
    </message>
    <message>
      <source>Blocks of 3×3 convolutions: depth from one repeated pattern.</source>
      <translation>由 3×3 卷积组成的块：靠重复同一种结构加深网络。</translation>
    </message>
    <message>
      <source>Repeated blocks of 3×3 convolutions then max pooling: depth from a simple, regular pattern.</source>
      <translation>重复“若干 3×3 卷积 + 最大池化”的块：用简单规整的结构获得深度。</translation>
    </message>
    <message>
      <source>ResNet</source>
      <translation>ResNet</translation>
    </message>
    <message>
      <source>Skip connections: switch them off and watch a deep net stall.</source>
      <translation>跳跃连接：关掉它，看深层网络如何训练停滞。</translation>
    </message>
    <message>
      <source>Residual blocks add their input to their output, so very deep networks still train.</source>
      <translation>残差块把输入加到输出上，因此非常深的网络也能训练。</translation>
    </message>
    <message>
      <source>MobileNet v1</source>
      <translation>MobileNet v1</translation>
    </message>
    <message>
      <source>Depthwise-separable convolutions: far fewer weights per layer.</source>
      <translation>深度可分离卷积：每层的权重少得多。</translation>
    </message>
    <message>
      <source>Depthwise-separable convolutions: a per-channel 3×3 filter and a 1×1 channel mixer cost far fewer weights than one full convolution.</source>
      <translation>深度可分离卷积：逐通道的 3×3 卷积加上混合通道的 1×1 卷积，权重远少于一个完整卷积。</translation>
    </message>
    <message>
      <source>FCN: a class for every pixel</source>
      <translation>FCN：为每个像素分类</translation>
    </message>
    <message>
      <source>Convolutions shrink, transposed convolutions enlarge: one class per pixel.</source>
      <translation>卷积把图缩小，转置卷积把图放大：每个像素一个类别。</translation>
    </message>
    <message>
      <source>No dense layers: 1×1 class scores upsampled by transposed convolutions.</source>
      <translation>没有全连接层：1×1 的类别得分由转置卷积上采样。</translation>
    </message>
    <message>
      <source>Anchor boxes, IoU and NMS</source>
      <translation>锚框、IoU 与 NMS</translation>
    </message>
    <message>
      <source>A one-stage detector: anchors, offsets, scores, then NMS.</source>
      <translation>单阶段检测器：锚框、偏移量、得分，最后做 NMS。</translation>
    </message>
    <message>
      <source>Every anchor predicts a class and the offsets to its object.</source>
      <translation>每个锚框预测一个类别以及到目标的偏移量。</translation>
    </message>
    <message>
      <source>Recurrent network (RNN)</source>
      <translation>循环神经网络（RNN）</translation>
    </message>
    <message>
      <source>One hidden state carried through time, and why its gradient vanishes.</source>
      <translation>一个隐藏状态随时间传递，以及它的梯度为何会消失。</translation>
    </message>
    <message>
      <source>h_t = tanh(W·x_t + U·h_{t−1} + b): the same weights at every step.</source>
      <translation>h_t = tanh(W·x_t + U·h_{t−1} + b)：每个时间步共用同一组权重。</translation>
    </message>
    <message>
      <source>Long short-term memory (LSTM)</source>
      <translation>长短期记忆网络（LSTM）</translation>
    </message>
    <message>
      <source>Forget, input and output gates guard a cell state that keeps memory.</source>
      <translation>遗忘门、输入门和输出门守护着保存记忆的细胞状态。</translation>
    </message>
    <message>
      <source>An additive cell state c_t = f⊙c_{t−1} + i⊙g lets memory last.</source>
      <translation>加法形式的细胞状态 c_t = f⊙c_{t−1} + i⊙g 让记忆得以长久保留。</translation>
    </message>
    <message>
      <source>Gated recurrent unit (GRU)</source>
      <translation>门控循环单元（GRU）</translation>
    </message>
    <message>
      <source>Update and reset gates: an LSTM with fewer parts and no cell state.</source>
      <translation>更新门和重置门：部件更少、没有细胞状态的 LSTM。</translation>
    </message>
    <message>
      <source>h_t = (1 − z)⊙h̃ + z⊙h_{t−1}: the update gate mixes old and new.</source>
      <translation>h_t = (1 − z)⊙h̃ + z⊙h_{t−1}：更新门把旧状态和新状态混合起来。</translation>
    </message>
    <message>
      <source>Seq2seq with attention</source>
      <translation>带注意力的 Seq2seq</translation>
    </message>
    <message>
      <source>The decoder learns where to look: attention aligns output and input.</source>
      <translation>解码器学会该看哪里：注意力把输出和输入对齐。</translation>
    </message>
    <message>
      <source>Each output step takes a weighted sum of all encoder states.</source>
      <translation>每个输出步都对全部编码器状态做加权求和。</translation>
    </message>
    <message>
      <source>Transformer</source>
      <translation>Transformer</translation>
    </message>
    <message>
      <source>Self-attention, many heads, positions and the causal mask.</source>
      <translation>自注意力、多头、位置编码与因果掩码。</translation>
    </message>
    <message>
      <source>Attention only: no recurrence, every position sees every other.</source>
      <translation>只用注意力：没有循环，每个位置都能看到所有其他位置。</translation>
    </message>
    <message>
      <source>Autoencoder with a 2-D code</source>
      <translation>二维编码的自编码器</translation>
    </message>
    <message>
      <source>Squeeze digits through two numbers; spot digits it never saw.</source>
      <translation>把数字压缩成两个数；找出它从未见过的数字。</translation>
    </message>
    <message>
      <source>Encoder and decoder trained to reproduce the input.</source>
      <translation>编码器和解码器一起训练，目标是重建输入。</translation>
    </message>
    <message>
      <source>Variational autoencoder</source>
      <translation>变分自编码器</translation>
    </message>
    <message>
      <source>A latent space you can sample: reparameterisation plus a KL term.</source>
      <translation>可以采样的隐空间：重参数化加上 KL 项。</translation>
    </message>
    <message>
      <source>Encode to a Gaussian, sample z = μ + σ·ε, decode.</source>
      <translation>编码成一个高斯分布，采样 z = μ + σ·ε，再解码。</translation>
    </message>
    <message>
      <source>Conditional GAN on digits</source>
      <translation>条件 GAN 生成数字</translation>
    </message>
    <message>
      <source>Give both networks the label and G draws the digit you ask for.</source>
      <translation>把标签同时交给两个网络，G 就能画出指定的数字。</translation>
    </message>
    <message>
      <source>Condition G and D on the class label.</source>
      <translation>让 G 和 D 都以类别标签为条件。</translation>
    </message>
    <message>
      <source>GAN in one dimension</source>
      <translation>一维 GAN</translation>
    </message>
    <message>
      <source>G moves its density onto the data until D(x) = ½ everywhere.</source>
      <translation>G 把自己的概率密度移到数据上，直到处处 D(x) = ½。</translation>
    </message>
    <message>
      <source>A generator and a discriminator play a minimax game.</source>
      <translation>生成器与判别器进行极小极大博弈。</translation>
    </message>
    <message>
      <source>GAN in two dimensions</source>
      <translation>二维 GAN</translation>
    </message>
    <message>
      <source>Mode collapse, D's landscape and the pull on each generated point.</source>
      <translation>模式坍塌、D 的判别地形，以及每个生成点受到的拉力。</translation>
    </message>
    <message>
      <source>Watch G warp its noise plane onto the target's modes.</source>
      <translation>看 G 如何把噪声平面扭曲到目标分布的各个模式上。</translation>
    </message>
    <message>
      <source>DCGAN on digits</source>
      <translation>DCGAN 生成数字</translation>
    </message>
    <message>
      <source>A convolutional generator learns to draw digits from noise.</source>
      <translation>卷积生成器学会从噪声画出数字。</translation>
    </message>
    <message>
      <source>Transposed convolutions, batch norm and LeakyReLU make GANs train.</source>
      <translation>转置卷积、批归一化和 LeakyReLU 让 GAN 能稳定训练。</translation>
    </message>
    <message>
      <source>Siamese network</source>
      <translation>孪生网络</translation>
    </message>
    <message>
      <source>Twin towers with shared weights map digits so that same-class pairs lie close and different-class pairs lie far apart.</source>
      <translation>共享权重的两座塔把数字映射到嵌入空间：同类的样本对靠近，不同类的样本对远离。</translation>
    </message>
    <message>
      <source>Compare two inputs by the distance of their embeddings; the contrastive loss pulls positive pairs together and pushes negative pairs beyond a margin.</source>
      <translation>用嵌入向量之间的距离比较两个输入；对比损失把正样本对拉近，把负样本对推到间隔之外。</translation>
    </message>
    <message>
      <source>Knowledge distillation</source>
      <translation>知识蒸馏</translation>
    </message>
    <message>
      <source>A small student learns from a big teacher's soft labels and beats the same student trained on hard labels only.</source>
      <translation>小学生网络向大教师网络的软标签学习，胜过只用硬标签训练的同样的学生网络。</translation>
    </message>
    <message>
      <source>Soft labels at a high temperature carry how similar the classes are; the student matches them and the true labels.</source>
      <translation>高温下的软标签带有类别之间相似程度的信息；学生同时拟合软标签和真实标签。</translation>
    </message>
    <message>
      <source>Optimizer</source>
      <translation>优化器</translation>
    </message>
    <message>
      <source>The rule that turns gradients into weight updates.</source>
      <translation>把梯度变成权重更新的规则。</translation>
    </message>
    <message>
      <source>SGD</source>
      <translation>SGD</translation>
    </message>
    <message>
      <source>SGD+momentum</source>
      <translation>SGD+动量</translation>
    </message>
    <message>
      <source>Nesterov</source>
      <translation>Nesterov</translation>
    </message>
    <message>
      <source>Adagrad</source>
      <translation>Adagrad</translation>
    </message>
    <message>
      <source>RMSprop</source>
      <translation>RMSprop</translation>
    </message>
    <message>
      <source>Adadelta</source>
      <translation>Adadelta</translation>
    </message>
    <message>
      <source>Adam</source>
      <translation>Adam</translation>
    </message>
    <message>
      <source>Learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <source>Step size of each update.</source>
      <translation>每次更新的步长。</translation>
    </message>
    <message>
      <source>Batch size</source>
      <translation>批大小</translation>
    </message>
    <message>
      <source>Samples per gradient step.</source>
      <translation>每次梯度更新所用的样本数。</translation>
    </message>
    <message>
      <source>Weight decay (L2)</source>
      <translation>权重衰减（L2）</translation>
    </message>
    <message>
      <source>Penalty on large weights, added by the optimizer.</source>
      <translation>由优化器施加的、对大权重的惩罚。</translation>
    </message>
    <message>
      <source>Seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <source>Same seed, same initial weights and batches.</source>
      <translation>种子相同，初始权重和批次就相同。</translation>
    </message>
    <message>
      <source>Dataset</source>
      <translation>数据集</translation>
    </message>
    <message>
      <source>moons</source>
      <translation>双月形</translation>
    </message>
    <message>
      <source>circles</source>
      <translation>同心圆</translation>
    </message>
    <message>
      <source>xor</source>
      <translation>异或</translation>
    </message>
    <message>
      <source>spirals</source>
      <translation>螺旋</translation>
    </message>
    <message>
      <source>blobs</source>
      <translation>团簇</translation>
    </message>
    <message>
      <source>Samples</source>
      <translation>样本数</translation>
    </message>
    <message>
      <source>Noise</source>
      <translation>噪声</translation>
    </message>
    <message>
      <source>Standard deviation of the jitter.</source>
      <translation>随机抖动的标准差。</translation>
    </message>
    <message>
      <source>Validation share</source>
      <translation>验证集比例</translation>
    </message>
    <message>
      <source>Part of the data held out.</source>
      <translation>留出不参与训练的数据比例。</translation>
    </message>
    <message>
      <source>Hidden layers</source>
      <translation>隐藏层数</translation>
    </message>
    <message>
      <source>Neurons per layer</source>
      <translation>每层神经元数</translation>
    </message>
    <message>
      <source>Activation</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <source>Non-linearity after each hidden layer.</source>
      <translation>每个隐藏层之后的非线性函数。</translation>
    </message>
    <message>
      <source>ReLU</source>
      <translation>ReLU</translation>
    </message>
    <message>
      <source>sigmoid</source>
      <translation>sigmoid</translation>
    </message>
    <message>
      <source>tanh</source>
      <translation>tanh</translation>
    </message>
    <message>
      <source>LeakyReLU</source>
      <translation>LeakyReLU</translation>
    </message>
    <message>
      <source>ELU</source>
      <translation>ELU</translation>
    </message>
    <message>
      <source>GELU</source>
      <translation>GELU</translation>
    </message>
    <message>
      <source>L1 penalty</source>
      <translation>L1 惩罚</translation>
    </message>
    <message>
      <source>Adds λ·Σ|w| to the loss: pushes weights to exactly zero.</source>
      <translation>在损失中加上 λ·Σ|w|：把权重推向恰好为零。</translation>
    </message>
    <message>
      <source>Dropout</source>
      <translation>Dropout</translation>
    </message>
    <message>
      <source>Fraction of hidden units zeroed at random while training.</source>
      <translation>训练时随机置零的隐藏单元比例。</translation>
    </message>
    <message>
      <source>MNIST folder (optional)</source>
      <translation>MNIST 文件夹（可选）</translation>
    </message>
    <message>
      <source>A folder with MNIST IDX files; empty uses the bundled digits.</source>
      <translation>存放 MNIST IDX 文件的文件夹；留空则使用自带的手写数字。</translation>
    </message>
    <message>
      <source>Loss surface</source>
      <translation>损失曲面</translation>
    </message>
    <message>
      <source>The function of (x, y) the optimizers minimise.</source>
      <translation>优化器要最小化的 (x, y) 的函数。</translation>
    </message>
    <message>
      <source>Rosenbrock</source>
      <translation>Rosenbrock</translation>
    </message>
    <message>
      <source>saddle</source>
      <translation>鞍点</translation>
    </message>
    <message>
      <source>Beale</source>
      <translation>Beale</translation>
    </message>
    <message>
      <source>elongated bowl</source>
      <translation>狭长的碗</translation>
    </message>
    <message>
      <source>noisy bowl</source>
      <translation>带噪声的碗</translation>
    </message>
    <message>
      <source>Gradient noise</source>
      <translation>梯度噪声</translation>
    </message>
    <message>
      <source>Std of random noise added to every gradient, like mini-batches.</source>
      <translation>加到每个梯度上的随机噪声的标准差，模拟小批量训练。</translation>
    </message>
    <message>
      <source>Own start point</source>
      <translation>自定义起点</translation>
    </message>
    <message>
      <source>Start at (start x, start y), not at the surface's usual start.</source>
      <translation>从 (起点 x, 起点 y) 出发，而不是曲面默认的起点。</translation>
    </message>
    <message>
      <source>Start x</source>
      <translation>起点 x</translation>
    </message>
    <message>
      <source>Start y</source>
      <translation>起点 y</translation>
    </message>
    <message>
      <source>Optimizers shown</source>
      <translation>参赛的优化器</translation>
    </message>
    <message>
      <source>Which optimizers race; the chosen Optimizer is always shown.</source>
      <translation>哪些优化器参加比赛；所选的优化器总会显示。</translation>
    </message>
    <message>
      <source>all</source>
      <translation>全部</translation>
    </message>
    <message>
      <source>SGD, momentum, Nesterov</source>
      <translation>SGD、动量、Nesterov</translation>
    </message>
    <message>
      <source>adaptive</source>
      <translation>自适应</translation>
    </message>
    <message>
      <source>SGD, momentum, Adam</source>
      <translation>SGD、动量、Adam</translation>
    </message>
    <message>
      <source>SGD vs Adam</source>
      <translation>SGD 对比 Adam</translation>
    </message>
    <message>
      <source>Momentum μ</source>
      <translation>动量 μ</translation>
    </message>
    <message>
      <source>Share of the previous step kept by SGD+momentum and Nesterov.</source>
      <translation>SGD+动量和 Nesterov 保留上一步的比例。</translation>
    </message>
    <message>
      <source>Adaptive η ×</source>
      <translation>自适应方法 η ×</translation>
    </message>
    <message>
      <source>Adagrad, RMSprop and Adam use this times the learning rate.</source>
      <translation>Adagrad、RMSprop 和 Adam 使用学习率乘以这个倍数。</translation>
    </message>
    <message>
      <source>Learning-rate schedule</source>
      <translation>学习率调度</translation>
    </message>
    <message>
      <source>Step decay halves η every period; cosine lowers it to 0.</source>
      <translation>阶梯衰减每个周期把 η 减半；余弦调度把它降到 0。</translation>
    </message>
    <message>
      <source>constant</source>
      <translation>恒定</translation>
    </message>
    <message>
      <source>step decay</source>
      <translation>阶梯衰减</translation>
    </message>
    <message>
      <source>cosine</source>
      <translation>余弦</translation>
    </message>
    <message>
      <source>Schedule period (steps)</source>
      <translation>调度周期（步）</translation>
    </message>
    <message>
      <source>Input size</source>
      <translation>输入尺寸</translation>
    </message>
    <message>
      <source>Height and width of the square input.</source>
      <translation>正方形输入的高和宽。</translation>
    </message>
    <message>
      <source>Kernel size</source>
      <translation>卷积核大小</translation>
    </message>
    <message>
      <source>Stride</source>
      <translation>步幅</translation>
    </message>
    <message>
      <source>Padding</source>
      <translation>填充</translation>
    </message>
    <message>
      <source>Dilation</source>
      <translation>空洞率</translation>
    </message>
    <message>
      <source>Channels in</source>
      <translation>输入通道数</translation>
    </message>
    <message>
      <source>Channels out</source>
      <translation>输出通道数</translation>
    </message>
    <message>
      <source>Padding mode</source>
      <translation>填充方式</translation>
    </message>
    <message>
      <source>valid: no padding; same: output as large as the input.</source>
      <translation>valid：不填充；same：输出与输入一样大。</translation>
    </message>
    <message>
      <source>custom</source>
      <translation>自定义</translation>
    </message>
    <message>
      <source>valid</source>
      <translation>valid</translation>
    </message>
    <message>
      <source>same</source>
      <translation>same</translation>
    </message>
    <message>
      <source>Digit</source>
      <translation>数字</translation>
    </message>
    <message>
      <source>Which of the 1,797 bundled handwritten digits to show.</source>
      <translation>显示自带 1797 个手写数字中的哪一个。</translation>
    </message>
    <message>
      <source>Random horizontal flip</source>
      <translation>随机水平翻转</translation>
    </message>
    <message>
      <source>Mirror half of the training images left to right.</source>
      <translation>把一半训练图像左右镜像。</translation>
    </message>
    <message>
      <source>Random vertical flip</source>
      <translation>随机垂直翻转</translation>
    </message>
    <message>
      <source>Mirror half of the training images top to bottom.</source>
      <translation>把一半训练图像上下镜像。</translation>
    </message>
    <message>
      <source>Crop: smallest area kept</source>
      <translation>裁剪：保留的最小面积</translation>
    </message>
    <message>
      <source>Cut a random square keeping at least this share of the area, then resize it back (1 = off).</source>
      <translation>随机裁出一个正方形，至少保留这个比例的面积，再缩放回原尺寸（1 表示关闭）。</translation>
    </message>
    <message>
      <source>Rotation (degrees)</source>
      <translation>旋转（度）</translation>
    </message>
    <message>
      <source>Rotate each image by a random angle up to this.</source>
      <translation>把每张图像随机旋转不超过该角度。</translation>
    </message>
    <message>
      <source>Brightness change</source>
      <translation>亮度变化</translation>
    </message>
    <message>
      <source>Scale pixel values by a random factor 1 ± this.</source>
      <translation>像素值乘以随机因子 1 ± 该值。</translation>
    </message>
    <message>
      <source>Contrast change</source>
      <translation>对比度变化</translation>
    </message>
    <message>
      <source>Stretch values around the image mean by a factor 1 ± this.</source>
      <translation>以图像均值为中心，按 1 ± 该值的因子拉伸像素值。</translation>
    </message>
    <message>
      <source>Shown sample</source>
      <translation>显示的样本</translation>
    </message>
    <message>
      <source>Which validation image the feature maps show.</source>
      <translation>特征图显示哪一张验证图像。</translation>
    </message>
    <message>
      <source>The 1998 network used sigmoid-like squashing.</source>
      <translation>1998 年的原版网络使用类似 sigmoid 的压缩函数。</translation>
    </message>
    <message>
      <source>Pooling</source>
      <translation>池化</translation>
    </message>
    <message>
      <source>The 1998 network averaged; later nets take the maximum.</source>
      <translation>1998 年的网络用平均池化；后来的网络取最大值。</translation>
    </message>
    <message>
      <source>avg</source>
      <translation>平均</translation>
    </message>
    <message>
      <source>max</source>
      <translation>最大</translation>
    </message>
    <message>
      <source>Width multiplier</source>
      <translation>宽度乘子</translation>
    </message>
    <message>
      <source>Scales the number of channels of every layer.</source>
      <translation>按比例缩放每一层的通道数。</translation>
    </message>
    <message>
      <source>Convolutions per block</source>
      <translation>每块的卷积层数</translation>
    </message>
    <message>
      <source>Three blocks of 16, 32, 64 channels, each then pooled.</source>
      <translation>三个块，通道数分别为 16、32、64，每块之后做池化。</translation>
    </message>
    <message>
      <source>1-1-2</source>
      <translation>1-1-2</translation>
    </message>
    <message>
      <source>2-2-2</source>
      <translation>2-2-2</translation>
    </message>
    <message>
      <source>2-2-3</source>
      <translation>2-2-3</translation>
    </message>
    <message>
      <source>Skip connections</source>
      <translation>跳跃连接</translation>
    </message>
    <message>
      <source>Add each block's input to its output.</source>
      <translation>把每个块的输入加到它的输出上。</translation>
    </message>
    <message>
      <source>Depth</source>
      <translation>深度</translation>
    </message>
    <message>
      <source>Layers with weights, 6n + 2: n blocks in each of the three stages (n = 1 … 9).</source>
      <translation>带权重的层数为 6n + 2：三个阶段各有 n 个块（n = 1 … 9）。</translation>
    </message>
    <message>
      <source>8</source>
      <translation>8</translation>
    </message>
    <message>
      <source>14</source>
      <translation>14</translation>
    </message>
    <message>
      <source>20</source>
      <translation>20</translation>
    </message>
    <message>
      <source>32</source>
      <translation>32</translation>
    </message>
    <message>
      <source>44</source>
      <translation>44</translation>
    </message>
    <message>
      <source>56</source>
      <translation>56</translation>
    </message>
    <message>
      <source>Training images</source>
      <translation>训练图像数</translation>
    </message>
    <message>
      <source>Standard deviation of the pixel noise.</source>
      <translation>像素噪声的标准差。</translation>
    </message>
    <message>
      <source>Shown image</source>
      <translation>显示的图像</translation>
    </message>
    <message>
      <source>Which validation image the views show.</source>
      <translation>视图显示哪一张验证图像。</translation>
    </message>
    <message>
      <source>Skip connection</source>
      <translation>跳跃连接</translation>
    </message>
    <message>
      <source>Add scores from the finer 1/4-size features (FCN-16s).</source>
      <translation>加上来自更精细的 1/4 尺寸特征的得分（FCN-16s）。</translation>
    </message>
    <message>
      <source>Width</source>
      <translation>宽度</translation>
    </message>
    <message>
      <source>Channels of the first convolution; later layers have more.</source>
      <translation>第一个卷积的通道数；后面的层更多。</translation>
    </message>
    <message>
      <source>Digit classes</source>
      <translation>数字类别数</translation>
    </message>
    <message>
      <source>Scenes contain the digits 0 … classes − 1.</source>
      <translation>场景中包含数字 0 … 类别数 − 1。</translation>
    </message>
    <message>
      <source>Training scenes</source>
      <translation>训练场景数</translation>
    </message>
    <message>
      <source>Shown scene</source>
      <translation>显示的场景</translation>
    </message>
    <message>
      <source>Which validation scene the views show.</source>
      <translation>视图显示哪一个验证场景。</translation>
    </message>
    <message>
      <source>Anchor sizes</source>
      <translation>锚框尺寸</translation>
    </message>
    <message>
      <source>Square root of each anchor's area, in pixels.</source>
      <translation>每个锚框面积的平方根，单位为像素。</translation>
    </message>
    <message>
      <source>12, 20</source>
      <translation>12, 20</translation>
    </message>
    <message>
      <source>16</source>
      <translation>16</translation>
    </message>
    <message>
      <source>10, 16, 24</source>
      <translation>10, 16, 24</translation>
    </message>
    <message>
      <source>Anchor ratios</source>
      <translation>锚框宽高比</translation>
    </message>
    <message>
      <source>Width divided by height of the anchors.</source>
      <translation>锚框的宽除以高。</translation>
    </message>
    <message>
      <source>1, 1/2</source>
      <translation>1, 1/2</translation>
    </message>
    <message>
      <source>1</source>
      <translation>1</translation>
    </message>
    <message>
      <source>2, 1, 1/2</source>
      <translation>2, 1, 1/2</translation>
    </message>
    <message>
      <source>Match IoU</source>
      <translation>匹配 IoU</translation>
    </message>
    <message>
      <source>An anchor learns an object when their IoU is at least this.</source>
      <translation>锚框与目标的 IoU 不低于此值时，锚框负责学习该目标。</translation>
    </message>
    <message>
      <source>Score threshold</source>
      <translation>得分阈值</translation>
    </message>
    <message>
      <source>Boxes with a lower class probability are dropped.</source>
      <translation>类别概率低于此值的框被丢弃。</translation>
    </message>
    <message>
      <source>NMS IoU threshold</source>
      <translation>NMS 的 IoU 阈值</translation>
    </message>
    <message>
      <source>NMS removes a box overlapping a better one more than this.</source>
      <translation>与更好的框重叠超过此值的框会被 NMS 删除。</translation>
    </message>
    <message>
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <source>Adding problem, sine forecast, copy, reverse or parity.</source>
      <translation>加法问题、正弦预测、复制、反转或奇偶校验。</translation>
    </message>
    <message>
      <source>adding</source>
      <translation>加法</translation>
    </message>
    <message>
      <source>forecast</source>
      <translation>预测</translation>
    </message>
    <message>
      <source>copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <source>reverse</source>
      <translation>反转</translation>
    </message>
    <message>
      <source>parity</source>
      <translation>奇偶</translation>
    </message>
    <message>
      <source>Sequence length</source>
      <translation>序列长度</translation>
    </message>
    <message>
      <source>Time steps per sequence: longer is harder.</source>
      <translation>每个序列的时间步数：越长越难。</translation>
    </message>
    <message>
      <source>Hidden units</source>
      <translation>隐藏单元数</translation>
    </message>
    <message>
      <source>Size of the hidden state h (and of c for the LSTM).</source>
      <translation>隐藏状态 h 的大小（LSTM 的 c 也一样）。</translation>
    </message>
    <message>
      <source>Layers</source>
      <translation>层数</translation>
    </message>
    <message>
      <source>Recurrent layers stacked on each other.</source>
      <translation>堆叠的循环层数。</translation>
    </message>
    <message>
      <source>Bidirectional</source>
      <translation>双向</translation>
    </message>
    <message>
      <source>Also read the sequence backwards and join both directions.</source>
      <translation>同时反向读取序列，并拼接两个方向的结果。</translation>
    </message>
    <message>
      <source>Gradient clipping</source>
      <translation>梯度裁剪</translation>
    </message>
    <message>
      <source>Rescale the gradient when its norm exceeds the threshold.</source>
      <translation>梯度范数超过阈值时按比例缩小梯度。</translation>
    </message>
    <message>
      <source>Clipping threshold</source>
      <translation>裁剪阈值</translation>
    </message>
    <message>
      <source>Largest gradient norm allowed when clipping is on.</source>
      <translation>开启裁剪时允许的最大梯度范数。</translation>
    </message>
    <message>
      <source>Normalise written dates, or reverse strings.</source>
      <translation>规范化书写的日期，或反转字符串。</translation>
    </message>
    <message>
      <source>dates</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Generated pairs, training and validation.</source>
      <translation>生成的样本对数量（训练和验证合计）。</translation>
    </message>
    <message>
      <source>Part held out (at most 400 are used).</source>
      <translation>留出的比例（最多使用 400 条）。</translation>
    </message>
    <message>
      <source>Attention score</source>
      <translation>注意力评分</translation>
    </message>
    <message>
      <source>Additive (an MLP) or scaled dot product.</source>
      <translation>加性（一个小型 MLP）或缩放点积。</translation>
    </message>
    <message>
      <source>additive</source>
      <translation>加性</translation>
    </message>
    <message>
      <source>dot</source>
      <translation>点积</translation>
    </message>
    <message>
      <source>Embedding size</source>
      <translation>嵌入维度</translation>
    </message>
    <message>
      <source>Hidden size</source>
      <translation>隐藏层大小</translation>
    </message>
    <message>
      <source>Teacher forcing</source>
      <translation>教师强制</translation>
    </message>
    <message>
      <source>Chance of feeding the true previous token while training.</source>
      <translation>训练时输入真实的上一个词元的概率。</translation>
    </message>
    <message>
      <source>Beam width</source>
      <translation>束宽</translation>
    </message>
    <message>
      <source>Hypotheses kept by beam search (1 is greedy).</source>
      <translation>束搜索保留的候选数（1 即贪心搜索）。</translation>
    </message>
    <message>
      <source>Dates, reversal: encoder-decoder. Sentiment, pattern: encoder only.</source>
      <translation>日期、反转：编码器-解码器；情感、模式：仅编码器。</translation>
    </message>
    <message>
      <source>sentiment</source>
      <translation>情感</translation>
    </message>
    <message>
      <source>pattern</source>
      <translation>模式</translation>
    </message>
    <message>
      <source>Model width</source>
      <translation>模型宽度</translation>
    </message>
    <message>
      <source>Heads</source>
      <translation>头数</translation>
    </message>
    <message>
      <source>Must divide the model width.</source>
      <translation>必须能整除模型宽度。</translation>
    </message>
    <message>
      <source>Feed-forward size</source>
      <translation>前馈层大小</translation>
    </message>
    <message>
      <source>Held-out digit</source>
      <translation>留出的数字</translation>
    </message>
    <message>
      <source>Left out of training: its images become the anomalies.</source>
      <translation>不参与训练：它的图像就成为异常样本。</translation>
    </message>
    <message>
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <source>0</source>
      <translation>0</translation>
    </message>
    <message>
      <source>2</source>
      <translation>2</translation>
    </message>
    <message>
      <source>3</source>
      <translation>3</translation>
    </message>
    <message>
      <source>4</source>
      <translation>4</translation>
    </message>
    <message>
      <source>5</source>
      <translation>5</translation>
    </message>
    <message>
      <source>6</source>
      <translation>6</translation>
    </message>
    <message>
      <source>7</source>
      <translation>7</translation>
    </message>
    <message>
      <source>9</source>
      <translation>9</translation>
    </message>
    <message>
      <source>KL weight β</source>
      <translation>KL 权重 β</translation>
    </message>
    <message>
      <source>Weight of the KL term.</source>
      <translation>KL 项的权重。</translation>
    </message>
    <message>
      <source>GAN loss</source>
      <translation>GAN 损失</translation>
    </message>
    <message>
      <source>minimax</source>
      <translation>极小极大</translation>
    </message>
    <message>
      <source>nonsaturating</source>
      <translation>非饱和</translation>
    </message>
    <message>
      <source>lsgan</source>
      <translation>最小二乘（LSGAN）</translation>
    </message>
    <message>
      <source>wgan-gp</source>
      <translation>推土机距离加梯度惩罚（WGAN-GP）</translation>
    </message>
    <message>
      <source>Minimax</source>
      <translation>极小极大</translation>
    </message>
    <message>
      <source>Non-saturating</source>
      <translation>非饱和</translation>
    </message>
    <message>
      <source>Least squares (LSGAN)</source>
      <translation>最小二乘（LSGAN）</translation>
    </message>
    <message>
      <source>Wasserstein with gradient penalty (WGAN-GP)</source>
      <translation>带梯度惩罚的 Wasserstein（WGAN-GP）</translation>
    </message>
    <message>
      <source>D steps per G step (k)</source>
      <translation>每步 G 对应的 D 步数（k）</translation>
    </message>
    <message>
      <source>D learning rate</source>
      <translation>D 的学习率</translation>
    </message>
    <message>
      <source>Noise dimension</source>
      <translation>噪声维度</translation>
    </message>
    <message>
      <source>Channels</source>
      <translation>通道数</translation>
    </message>
    <message>
      <source>Feature maps of the first convolution (doubled in the next).</source>
      <translation>第一个卷积的特征图数（下一层翻倍）。</translation>
    </message>
    <message>
      <source>Gradient penalty λ</source>
      <translation>梯度惩罚 λ</translation>
    </message>
    <message>
      <source>Weight of WGAN-GP's gradient penalty.</source>
      <translation>WGAN-GP 梯度惩罚项的权重。</translation>
    </message>
    <message>
      <source>Target</source>
      <translation>目标分布</translation>
    </message>
    <message>
      <source>gaussian</source>
      <translation>高斯</translation>
    </message>
    <message>
      <source>mixture</source>
      <translation>混合分布</translation>
    </message>
    <message>
      <source>minimax saturates; non-saturating, LSGAN and WGAN fix that.</source>
      <translation>极小极大损失会饱和；非饱和损失、LSGAN 和 WGAN 能解决这个问题。</translation>
    </message>
    <message>
      <source>wgan</source>
      <translation>推土机距离（WGAN）</translation>
    </message>
    <message>
      <source>Wasserstein (WGAN)</source>
      <translation>Wasserstein（WGAN）</translation>
    </message>
    <message>
      <source>Discriminator updates per generator update.</source>
      <translation>生成器每更新一次，判别器更新的次数。</translation>
    </message>
    <message>
      <source>Step size of D (G uses the main learning rate).</source>
      <translation>D 的步长（G 使用主学习率）。</translation>
    </message>
    <message>
      <source>Length of the random vector z fed to G.</source>
      <translation>输入 G 的随机向量 z 的长度。</translation>
    </message>
    <message>
      <source>Noise distribution</source>
      <translation>噪声分布</translation>
    </message>
    <message>
      <source>Where z is drawn from.</source>
      <translation>z 从哪个分布中采样。</translation>
    </message>
    <message>
      <source>normal</source>
      <translation>正态</translation>
    </message>
    <message>
      <source>uniform</source>
      <translation>均匀</translation>
    </message>
    <message>
      <source>G width</source>
      <translation>G 的宽度</translation>
    </message>
    <message>
      <source>G hidden layers</source>
      <translation>G 的隐藏层数</translation>
    </message>
    <message>
      <source>D width</source>
      <translation>D 的宽度</translation>
    </message>
    <message>
      <source>D hidden layers</source>
      <translation>D 的隐藏层数</translation>
    </message>
    <message>
      <source>WGAN weight clip</source>
      <translation>WGAN 权重裁剪</translation>
    </message>
    <message>
      <source>Critic weights are clamped to ±clip (WGAN only).</source>
      <translation>评论家的权重被限制在 ±clip 之内（仅 WGAN）。</translation>
    </message>
    <message>
      <source>Ring of 8, grid of 25, spiral, moons or a drawing.</source>
      <translation>8 个点的圆环、25 个点的网格、螺旋、双月形或手绘分布。</translation>
    </message>
    <message>
      <source>ring</source>
      <translation>圆环</translation>
    </message>
    <message>
      <source>grid</source>
      <translation>网格</translation>
    </message>
    <message>
      <source>spiral</source>
      <translation>螺旋</translation>
    </message>
    <message>
      <source>drawn</source>
      <translation>手绘</translation>
    </message>
    <message>
      <source>Drawn points</source>
      <translation>手绘的点</translation>
    </message>
    <message>
      <source>The drawn target as x,y pairs separated by semicolons; set by Draw target and Use drawing.</source>
      <translation>手绘目标的点：x,y 坐标对，用分号分隔；由“绘制目标”和“使用手绘”设置。</translation>
    </message>
    <message>
      <source>Shared weights (true Siamese)</source>
      <translation>共享权重（真正的孪生网络）</translation>
    </message>
    <message>
      <source>Off: two towers with their own weights (pseudo-Siamese).</source>
      <translation>关闭：两座塔各有自己的权重（伪孪生网络）。</translation>
    </message>
    <message>
      <source>Tower</source>
      <translation>塔网络</translation>
    </message>
    <message>
      <source>The network that turns one digit into an embedding.</source>
      <translation>把一个数字变成嵌入向量的网络。</translation>
    </message>
    <message>
      <source>CNN</source>
      <translation>CNN</translation>
    </message>
    <message>
      <source>MLP</source>
      <translation>MLP</translation>
    </message>
    <message>
      <source>Numbers per embedding; above 2 the view shows a projection.</source>
      <translation>每个嵌入向量的维数；超过 2 时视图显示投影。</translation>
    </message>
    <message>
      <source>Distance</source>
      <translation>距离</translation>
    </message>
    <message>
      <source>Euclidean: ‖a − b‖. Cosine: 1 − cos(a, b).</source>
      <translation>欧氏距离：‖a − b‖。余弦距离：1 − cos(a, b)。</translation>
    </message>
    <message>
      <source>euclidean</source>
      <translation>欧氏</translation>
    </message>
    <message>
      <source>Margin m</source>
      <translation>间隔 m</translation>
    </message>
    <message>
      <source>Different-class pairs farther apart than m cost nothing.</source>
      <translation>距离超过 m 的不同类样本对不产生损失。</translation>
    </message>
    <message>
      <source>Temperature T</source>
      <translation>温度 T</translation>
    </message>
    <message>
      <source>Softmax of z / T: higher T gives flatter soft labels.</source>
      <translation>对 z / T 做 softmax：T 越高，软标签越平缓。</translation>
    </message>
    <message>
      <source>Soft-label weight α</source>
      <translation>软标签权重 α</translation>
    </message>
    <message>
      <source>Loss = α·T²·KL(teacher ‖ student) + (1 − α)·CE(label).</source>
      <translation>损失 = α·T²·KL(教师 ‖ 学生) + (1 − α)·CE(标签)。</translation>
    </message>
    <message>
      <source>Student hidden units</source>
      <translation>学生网络隐藏单元数</translation>
    </message>
    <message>
      <source>The student is an MLP 64 → hidden → 10.</source>
      <translation>学生网络是一个 64 → 隐藏层 → 10 的 MLP。</translation>
    </message>
    <message>
      <source>Labelled digits for the students</source>
      <translation>学生可用的带标签数字</translation>
    </message>
    <message>
      <source>Training digits the students see (0: all); the teacher saw all of them.</source>
      <translation>学生能看到的训练数字数量（0 表示全部）；教师见过全部数字。</translation>
    </message>
    <message>
      <source>Groups</source>
      <translation>分组数</translation>
    </message>
    <message>
      <source>Channels are split into this many groups (must divide both).</source>
      <translation>通道被分成这么多组（须能整除输入和输出通道数）。</translation>
    </message>
    <message>
      <source>settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>unknown input</source>
      <translation>未知的输入</translation>
    </message>
    <message>
      <source>must divide the channels in and out ({channels})</source>
      <translation>必须能整除输入和输出通道数（{channels}）</translation>
    </message>
    <message>
      <source>unknown hyperparameter(s): {names}</source>
      <translation>未知的超参数：{names}</translation>
    </message>
    <message>
      <source>expected on/off, got {value}</source>
      <translation>应为开/关，实际为 {value}</translation>
    </message>
    <message>
      <source>must be at least {limit}</source>
      <translation>不能小于 {limit}</translation>
    </message>
    <message>
      <source>must be at most {limit}</source>
      <translation>不能大于 {limit}</translation>
    </message>
    <message>
      <source>expected a number</source>
      <translation>应为一个数</translation>
    </message>
    <message>
      <source>must be a finite number</source>
      <translation>必须是有限数</translation>
    </message>
    <message>
      <source>must be one of {allowed}</source>
      <translation>必须是以下之一：{allowed}</translation>
    </message>
    <message>
      <source>a value is required</source>
      <translation>需要填写一个值</translation>
    </message>
    <message>
      <source>must be a whole number</source>
      <translation>必须是整数</translation>
    </message>
    <message>
      <source>{text} is not a number</source>
      <translation>{text} 不是数字</translation>
    </message>
    <message>
      <source>training loss</source>
      <translation>训练损失</translation>
    </message>
    <message>
      <source>validation loss</source>
      <translation>验证损失</translation>
    </message>
    <message>
      <source>training accuracy</source>
      <translation>训练准确率</translation>
    </message>
    <message>
      <source>validation accuracy</source>
      <translation>验证准确率</translation>
    </message>
    <message>
      <source>d loss</source>
      <translation>D 损失</translation>
    </message>
    <message>
      <source>val d loss</source>
      <translation>验证 D 损失</translation>
    </message>
    <message>
      <source>g loss</source>
      <translation>G 损失</translation>
    </message>
    <message>
      <source>val g loss</source>
      <translation>验证 G 损失</translation>
    </message>
    <message>
      <source>d real</source>
      <translation>D(真实)</translation>
    </message>
    <message>
      <source>val d real</source>
      <translation>验证 D(真实)</translation>
    </message>
    <message>
      <source>d fake</source>
      <translation>D(生成)</translation>
    </message>
    <message>
      <source>val d fake</source>
      <translation>验证 D(生成)</translation>
    </message>
    <message>
      <source>d gap</source>
      <translation>D 差距</translation>
    </message>
    <message>
      <source>val d gap</source>
      <translation>验证 D 差距</translation>
    </message>
    <message>
      <source>modes</source>
      <translation>覆盖模式数</translation>
    </message>
    <message>
      <source>val modes</source>
      <translation>验证覆盖模式数</translation>
    </message>
    <message>
      <source>quality</source>
      <translation>高质量比例</translation>
    </message>
    <message>
      <source>val quality</source>
      <translation>验证高质量比例</translation>
    </message>
    <message>
      <source>recon</source>
      <translation>重建误差</translation>
    </message>
    <message>
      <source>val recon</source>
      <translation>验证重建误差</translation>
    </message>
    <message>
      <source>kl</source>
      <translation>KL 散度</translation>
    </message>
    <message>
      <source>val kl</source>
      <translation>验证 KL 散度</translation>
    </message>
    <message>
      <source>token acc</source>
      <translation>词元准确率</translation>
    </message>
    <message>
      <source>val token acc</source>
      <translation>验证词元准确率</translation>
    </message>
    <message>
      <source>seq acc</source>
      <translation>整句准确率</translation>
    </message>
    <message>
      <source>val seq acc</source>
      <translation>验证整句准确率</translation>
    </message>
    <message>
      <source>bleu</source>
      <translation>BLEU</translation>
    </message>
    <message>
      <source>val bleu</source>
      <translation>验证 BLEU</translation>
    </message>
    <message>
      <source>grad norm</source>
      <translation>梯度范数</translation>
    </message>
    <message>
      <source>val grad norm</source>
      <translation>验证梯度范数</translation>
    </message>
    <message>
      <source>threshold</source>
      <translation>阈值</translation>
    </message>
    <message>
      <source>val threshold</source>
      <translation>验证阈值</translation>
    </message>
    <message>
      <source>teacher acc</source>
      <translation>教师准确率</translation>
    </message>
    <message>
      <source>val teacher acc</source>
      <translation>验证教师准确率</translation>
    </message>
    <message>
      <source>loss hard</source>
      <translation>硬标签损失</translation>
    </message>
    <message>
      <source>val loss hard</source>
      <translation>验证硬标签损失</translation>
    </message>
    <message>
      <source>acc hard</source>
      <translation>硬标签准确率</translation>
    </message>
    <message>
      <source>val acc hard</source>
      <translation>验证硬标签准确率</translation>
    </message>
    <message>
      <source>recall</source>
      <translation>召回率</translation>
    </message>
    <message>
      <source>val recall</source>
      <translation>验证召回率</translation>
    </message>
    <message>
      <source>precision</source>
      <translation>精确率</translation>
    </message>
    <message>
      <source>val precision</source>
      <translation>验证精确率</translation>
    </message>
    <message>
      <source>mean IoU</source>
      <translation>平均 IoU</translation>
    </message>
    <message>
      <source>validation mean IoU</source>
      <translation>验证平均 IoU</translation>
    </message>
    <message>
      <source>verification acc</source>
      <translation>验证对准确率</translation>
    </message>
    <message>
      <source>val verification acc</source>
      <translation>验证集验证对准确率</translation>
    </message>
    <message>
      <source>mAP@0.5</source>
      <translation>mAP@0.5</translation>
    </message>
    <message>
      <source>validation mAP@0.5</source>
      <translation>验证 mAP@0.5</translation>
    </message>
    <message>
      <source>pixel accuracy</source>
      <translation>像素准确率</translation>
    </message>
    <message>
      <source>validation pixel accuracy</source>
      <translation>验证像素准确率</translation>
    </message>
    <message>
      <source>grad norm clipped</source>
      <translation>裁剪后梯度范数</translation>
    </message>
    <message>
      <source>val grad norm clipped</source>
      <translation>验证裁剪后梯度范数</translation>
    </message>
    <message>
      <source>class loss</source>
      <translation>分类损失</translation>
    </message>
    <message>
      <source>val class loss</source>
      <translation>验证分类损失</translation>
    </message>
    <message>
      <source>box loss</source>
      <translation>边框损失</translation>
    </message>
    <message>
      <source>val box loss</source>
      <translation>验证边框损失</translation>
    </message>
    <message>
      <source>loss SGD</source>
      <translation>损失 SGD</translation>
    </message>
    <message>
      <source>val loss SGD</source>
      <translation>验证损失 SGD</translation>
    </message>
    <message>
      <source>loss SGD+momentum</source>
      <translation>损失 SGD+momentum</translation>
    </message>
    <message>
      <source>val loss SGD+momentum</source>
      <translation>验证损失 SGD+momentum</translation>
    </message>
    <message>
      <source>loss Nesterov</source>
      <translation>损失 Nesterov</translation>
    </message>
    <message>
      <source>val loss Nesterov</source>
      <translation>验证损失 Nesterov</translation>
    </message>
    <message>
      <source>loss Adagrad</source>
      <translation>损失 Adagrad</translation>
    </message>
    <message>
      <source>val loss Adagrad</source>
      <translation>验证损失 Adagrad</translation>
    </message>
    <message>
      <source>loss RMSprop</source>
      <translation>损失 RMSprop</translation>
    </message>
    <message>
      <source>val loss RMSprop</source>
      <translation>验证损失 RMSprop</translation>
    </message>
    <message>
      <source>loss Adadelta</source>
      <translation>损失 Adadelta</translation>
    </message>
    <message>
      <source>val loss Adadelta</source>
      <translation>验证损失 Adadelta</translation>
    </message>
    <message>
      <source>loss Adam</source>
      <translation>损失 Adam</translation>
    </message>
    <message>
      <source>val loss Adam</source>
      <translation>验证损失 Adam</translation>
    </message>
    <message>
      <source>value</source>
      <translation>数值</translation>
    </message>
    <message>
      <source>marker</source>
      <translation>标记</translation>
    </message>
  </context>
  <context>
    <name>dlviz.classroom</name>
    <message>
      <source>View as PNG…</source>
      <translation>视图导出为 PNG……</translation>
    </message>
    <message>
      <source>View as SVG…</source>
      <translation>视图导出为 SVG……</translation>
    </message>
    <message>
      <source>Run as GIF…</source>
      <translation>训练过程导出为 GIF……</translation>
    </message>
    <message>
      <source>Metrics as CSV…</source>
      <translation>指标导出为 CSV……</translation>
    </message>
    <message>
      <source>Export view</source>
      <translation>导出视图</translation>
    </message>
    <message>
      <source>View</source>
      <translation>视图</translation>
    </message>
    <message>
      <source>PNG image (*.png)</source>
      <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
      <source>SVG drawing (*.svg)</source>
      <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
      <source>Record the run as a GIF</source>
      <translation>把训练过程录制为 GIF</translation>
    </message>
    <message>
      <source>From step</source>
      <translation>起始步</translation>
    </message>
    <message>
      <source>To step</source>
      <translation>结束步</translation>
    </message>
    <message>
      <source>Frames per second</source>
      <translation>每秒帧数</translation>
    </message>
    <message>
      <source>Width (px)</source>
      <translation>宽度 (px)</translation>
    </message>
    <message>
      <source>Save GIF</source>
      <translation>保存 GIF</translation>
    </message>
    <message>
      <source>GIF animation (*.gif)</source>
      <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <source>Stage</source>
      <translation>主视图</translation>
    </message>
    <message>
      <source>Height (px)</source>
      <translation>高度 (px)</translation>
    </message>
    <message>
      <source>Whole window</source>
      <translation>整个窗口</translation>
    </message>
    <message>
      <source>Export metrics</source>
      <translation>导出指标</translation>
    </message>
    <message>
      <source>CSV table (*.csv)</source>
      <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
      <source>Encoding the GIF…</source>
      <translation>正在编码 GIF…</translation>
    </message>
    <message>
      <source>GIF export cancelled.</source>
      <translation>已取消导出 GIF。</translation>
    </message>
    <message>
      <source>Loss curves</source>
      <translation>损失曲线</translation>
    </message>
    <message>
      <source>Metric curves</source>
      <translation>指标曲线</translation>
    </message>
    <message>
      <source>Step through</source>
      <translation>单步解析</translation>
    </message>
    <message>
      <source>This lab has no metrics to export.</source>
      <translation>这个实验没有可导出的指标。</translation>
    </message>
    <message>
      <source>Train for a moment first: the GIF is made from the timeline.</source>
      <translation>请先训练一会儿：GIF 由时间轴上的记录生成。</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Panel</source>
      <translation>面板</translation>
    </message>
    <message>
      <source>Exported {0}</source>
      <translation>已导出 {0}</translation>
    </message>
    <message>
      <source>Exported {0} ({1} frames)</source>
      <translation>已导出 {0}（{1} 帧）</translation>
    </message>
    <message>
      <source>Export failed: {0}</source>
      <translation>导出失败：{0}</translation>
    </message>
    <message>
      <source>Bookmark</source>
      <translation>书签</translation>
    </message>
    <message>
      <source>Name of this moment:</source>
      <translation>给这一刻起个名字：</translation>
    </message>
    <message>
      <source>Rewind timeline</source>
      <translation>回放时间轴</translation>
    </message>
    <message>
      <source>● Live</source>
      <translation>● 实时</translation>
    </message>
    <message>
      <source>Show the run as it trains</source>
      <translation>显示正在进行的训练</translation>
    </message>
    <message>
      <source>Drag back to see the lab as it was</source>
      <translation>向回拖动，查看实验之前的样子</translation>
    </message>
    <message>
      <source>Name this moment to come back to it</source>
      <translation>给这一刻命名，以便之后回到这里</translation>
    </message>
    <message>
      <source>step {0} · rewound</source>
      <translation>第 {0} 步 · 回放中</translation>
    </message>
    <message>
      <source>Bookmarks ({0})</source>
      <translation>书签（{0}）</translation>
    </message>
    <message>
      <source>live · step {0}</source>
      <translation>实时 · 第 {0} 步</translation>
    </message>
    <message>
      <source>dlviz lesson (*.json)</source>
      <translation>dlviz 课程 (*.json)</translation>
    </message>
    <message>
      <source>Save scene…</source>
      <translation>保存场景……</translation>
    </message>
    <message>
      <source>Open lesson…</source>
      <translation>打开课程……</translation>
    </message>
    <message>
      <source>Save lesson…</source>
      <translation>保存课程……</translation>
    </message>
    <message>
      <source>Previous scene</source>
      <translation>上一个场景</translation>
    </message>
    <message>
      <source>Next scene</source>
      <translation>下一个场景</translation>
    </message>
    <message>
      <source>Close lesson</source>
      <translation>关闭课程</translation>
    </message>
    <message>
      <source>Save scene</source>
      <translation>保存场景</translation>
    </message>
    <message>
      <source>Title:</source>
      <translation>标题：</translation>
    </message>
    <message>
      <source>Note to show with this scene:</source>
      <translation>随此场景显示的说明：</translation>
    </message>
    <message>
      <source>Save lesson</source>
      <translation>保存课程</translation>
    </message>
    <message>
      <source>Open lesson</source>
      <translation>打开课程</translation>
    </message>
    <message>
      <source>&amp;Lesson</source>
      <translation>课程(&amp;E)</translation>
    </message>
    <message>
      <source>Zoom a stage panel</source>
      <translation>放大主视图中的面板</translation>
    </message>
    <message>
      <source>No zoom</source>
      <translation>不放大</translation>
    </message>
    <message>
      <source>New lesson</source>
      <translation>新课程</translation>
    </message>
    <message>
      <source>Lesson saved: {0}</source>
      <translation>课程已保存：{0}</translation>
    </message>
    <message>
      <source>This lab has no panel called {0}.</source>
      <translation>这个实验没有名为 {0} 的面板。</translation>
    </message>
    <message>
      <source>This lesson cannot be opened:</source>
      <translation>无法打开这个课程：</translation>
    </message>
    <message>
      <source>The lesson could not be saved: {0}</source>
      <translation>无法保存课程：{0}</translation>
    </message>
    <message>
      <source>Open session</source>
      <translation>打开会话</translation>
    </message>
    <message>
      <source>Save session</source>
      <translation>保存会话</translation>
    </message>
    <message>
      <source>Open session…</source>
      <translation>打开会话……</translation>
    </message>
    <message>
      <source>Save session…</source>
      <translation>保存会话……</translation>
    </message>
    <message>
      <source>Open recent</source>
      <translation>最近打开</translation>
    </message>
    <message>
      <source>dlviz session (*{0})</source>
      <translation>dlviz 会话 (*{0})</translation>
    </message>
    <message>
      <source>This lab has nothing to save.</source>
      <translation>这个实验没有可保存的内容。</translation>
    </message>
    <message>
      <source>Session saved: {0}</source>
      <translation>会话已保存：{0}</translation>
    </message>
    <message>
      <source>This lab cannot hold a saved session.</source>
      <translation>这个实验无法载入保存的会话。</translation>
    </message>
    <message>
      <source>Session opened: {0} (step {1})</source>
      <translation>已打开会话：{0}（第 {1} 步）</translation>
    </message>
    <message>
      <source>Could not use the session file: {0}</source>
      <translation>无法使用这个会话文件：{0}</translation>
    </message>
  </context>
  <context>
    <name>dlviz.jobs</name>
    <message>
      <source>Working…</source>
      <translation>正在处理…</translation>
    </message>
    <message>
      <source>Request cancelled.</source>
      <translation>已取消请求。</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>dlviz.trace</name>
    <message>
      <source>Input</source>
      <translation>输入</translation>
    </message>
    <message>
      <source>Forward</source>
      <translation>前向</translation>
    </message>
    <message>
      <source>Loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>Backward</source>
      <translation>反向</translation>
    </message>
    <message>
      <source>Update</source>
      <translation>更新</translation>
    </message>
    <message>
      <source>conv {0} → {1}</source>
      <translation>卷积 {0} → {1}</translation>
    </message>
    <message>
      <source>deconv {0} → {1}</source>
      <translation>转置卷积 {0} → {1}</translation>
    </message>
    <message>
      <source>depthwise conv {0}</source>
      <translation>深度卷积 {0}</translation>
    </message>
    <message>
      <source>linear {0} → {1}</source>
      <translation>全连接 {0} → {1}</translation>
    </message>
    <message>
      <source>batch norm</source>
      <translation>批归一化</translation>
    </message>
    <message>
      <source>layer norm</source>
      <translation>层归一化</translation>
    </message>
    <message>
      <source>max pool {0}</source>
      <translation>最大池化 {0}</translation>
    </message>
    <message>
      <source>avg pool {0}</source>
      <translation>平均池化 {0}</translation>
    </message>
    <message>
      <source>avg pool → {0}</source>
      <translation>平均池化 → {0}</translation>
    </message>
    <message>
      <source>max pool → {0}</source>
      <translation>最大池化 → {0}</translation>
    </message>
    <message>
      <source>dropout {0}</source>
      <translation>Dropout {0}</translation>
    </message>
    <message>
      <source>flatten</source>
      <translation>展平</translation>
    </message>
    <message>
      <source>embedding {0} → {1}</source>
      <translation>嵌入 {0} → {1}</translation>
    </message>
    <message>
      <source>attention, {0} heads</source>
      <translation>注意力，{0} 个头</translation>
    </message>
    <message>
      <source>{0} cell {1} → {2}</source>
      <translation>{0} 单元 {1} → {2}</translation>
    </message>
    <message>
      <source>scalar</source>
      <translation>标量</translation>
    </message>
    <message>
      <source>concat</source>
      <translation>拼接</translation>
    </message>
    <message>
      <source>stack</source>
      <translation>堆叠</translation>
    </message>
    <message>
      <source>{0} params</source>
      <translation>{0} 个参数</translation>
    </message>
    <message>
      <source>outputs added</source>
      <translation>输出相加</translation>
    </message>
    <message>
      <source>outputs concatenated along the channels</source>
      <translation>输出沿通道拼接</translation>
    </message>
    <message>
      <source>Optimizer {0}</source>
      <translation>优化器 {0}</translation>
    </message>
    <message>
      <source>Network {0}</source>
      <translation>网络 {0}</translation>
    </message>
    <message>
      <source>mean {0}   std {1}   min {2}   max {3}   zeros {4}%   ‖·‖ {5}</source>
      <translation>均值 {0}   标准差 {1}   最小 {2}   最大 {3}   零值 {4}%   ‖·‖ {5}</translation>
    </message>
    <message>
      <source>Input batch (first sample)</source>
      <translation>输入批次（第一个样本）</translation>
    </message>
    <message>
      <source>Output</source>
      <translation>输出</translation>
    </message>
    <message>
      <source>Gradient ∂L/∂output</source>
      <translation>梯度 ∂L/∂output</translation>
    </message>
    <message>
      <source>Before</source>
      <translation>更新前</translation>
    </message>
    <message>
      <source>After</source>
      <translation>更新后</translation>
    </message>
    <message>
      <source>Δ = after − before</source>
      <translation>Δ = 后 − 前</translation>
    </message>
    <message>
      <source>Teacher soft targets p_t</source>
      <translation>教师软目标 p_t</translation>
    </message>
    <message>
      <source>Student p_s</source>
      <translation>学生 p_s</translation>
    </message>
    <message>
      <source>Network output</source>
      <translation>网络输出</translation>
    </message>
    <message>
      <source>Target</source>
      <translation>目标</translation>
    </message>
    <message>
      <source>Activation (forward)</source>
      <translation>激活（前向）</translation>
    </message>
    <message>
      <source>Gradient ∂L/∂input</source>
      <translation>梯度 ∂L/∂input</translation>
    </message>
    <message>
      <source>Gradient ∂L/∂{0}</source>
      <translation>梯度 ∂L/∂{0}</translation>
    </message>
  </context>
</TS>
