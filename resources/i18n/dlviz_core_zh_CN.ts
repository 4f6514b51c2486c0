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
      <source>Batch normalization and dropout</source>
      <translation>批量归一化与丢弃法</translation>
    </message>
    <message>
      <source>Pre-activations drift without batch normalization and stay put with it; train and eval mode answer differently.</source>
      <translation>没有批量归一化时预激活分布会漂移，有它时保持稳定；训练模式和评估模式给出不同的答案。</translation>
    </message>
    <message>
      <source>Normalize each unit over the batch, then scale and shift it (γ, β).</source>
      <translation>对每个单元在批量上标准化，再缩放和平移（γ、β）。</translation>
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
      <source>Transfer learning and fine-tuning</source>
      <translation>迁移学习与微调</translation>
    </message>
    <message>
      <source>A body pre-trained on 0–4 learns 5–9 from a few examples: from scratch vs frozen features vs fine-tuning.</source>
      <translation>在 0–4 上预训练的主体用少量样本学习 5–9：从头训练、冻结特征与微调的比较。</translation>
    </message>
    <message>
      <source>Copy a network trained on a source task, replace its output layer, and train on the target task: the head from scratch, the body gently.</source>
      <translation>复制在源任务上训练好的网络，替换输出层，再在目标任务上训练：输出层从头学，主体轻微调整。</translation>
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
      <source>Skip connections: a deeper plain net trains worse, a residual one does not.</source>
      <translation>跳跃连接：更深的普通网络训练得更差，残差网络则不会。</translation>
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
      <source>Tiny VGG on colour shapes</source>
      <translation>微型 VGG：彩色形状</translation>
    </message>
    <message>
      <source>RGB in, colour-and-shape out: the first layer reads the red, green and blue channels; click any unit to see its arithmetic.</source>
      <translation>输入 RGB，输出颜色与形状：第一层读取红、绿、蓝三个通道；点击任一单元查看它的计算过程。</translation>
    </message>
    <message>
      <source>CNN Explainer's Tiny VGG: two blocks of two 3×3 convolutions and max pooling, one dense layer, on colour images.</source>
      <translation>CNN Explainer 的 Tiny VGG：两个模块，各含两个 3×3 卷积和一个最大池化，最后一个全连接层，处理彩色图像。</translation>
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
      <source>Two-stage detection: R-CNN → Faster R-CNN</source>
      <translation>两阶段检测：R-CNN → Faster R-CNN</translation>
    </message>
    <message>
      <source>Regions first, then a classifier and box refiner per region: the RPN, RoI pooling vs RoI Align, and what R-CNN, Fast and Faster R-CNN changed.</source>
      <translation>先找候选区域，再对每个区域分类并微调边框：RPN、RoI 池化与 RoI Align，以及 R-CNN、Fast R-CNN、Faster R-CNN 各自改变了什么。</translation>
    </message>
    <message>
      <source>A region proposal network shares the CNN's features with the second stage, which classifies and refines each pooled region.</source>
      <translation>区域建议网络与第二阶段共享 CNN 特征，第二阶段对每个池化后的区域分类并微调边框。</translation>
    </message>
    <message>
      <source>U-Net: skips that concatenate</source>
      <translation>U-Net：拼接的跳跃连接</translation>
    </message>
    <message>
      <source>Encoder features concatenated into the decoder at every size, beside the FCN; transposed convolution vs upsampling + convolution.</source>
      <translation>在每个尺寸上把编码器特征拼接进解码器，与 FCN 对比；转置卷积与“上采样 + 卷积”对比。</translation>
    </message>
    <message>
      <source>Each decoder level joins the encoder's maps of its size: fine detail goes straight across.</source>
      <translation>解码器每一级拼接编码器同尺寸的特征图：精细信息直接传过去。</translation>
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
      <source>BERT pre-training</source>
      <translation>BERT 预训练</translation>
    </message>
    <message>
      <source>Pre-train an encoder by filling in masked words (15 %, 80/10/10), then fine-tune it from [CLS] on a few labels: it beats the same network trained from scratch.</source>
      <translation>先让编码器填出被掩盖的词（15%，80/10/10）进行预训练，再从 [CLS] 用少量标签微调：它胜过从头训练的同一网络。</translation>
    </message>
    <message>
      <source>Self-supervised pre-training on unlabelled text; a new output layer and a little labelled data adapt it to the task.</source>
      <translation>在无标签文本上自监督预训练；加一个新的输出层和少量带标签数据，就能适应具体任务。</translation>
    </message>
    <message>
      <source>Character GPT</source>
      <translation>字符级 GPT</translation>
    </message>
    <message>
      <source>A causal Transformer learns to write, one character at a time; temperature, top-k and top-p reshape what it samples.</source>
      <translation>因果 Transformer 学习一个字符一个字符地写作；温度、前 k 和前 p 改变它采样的分布。</translation>
    </message>
    <message>
      <source>Predict the next token from every earlier one, under a causal mask.</source>
      <translation>在因果掩码下，根据前面所有的词元预测下一个词元。</translation>
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
      <source>Twin towers with shared weights map digits so that same-class pairs lie close and different-class pairs lie far apart; contrastive or triplet loss, true or pseudo Siamese.</source>
      <translation>共享权重的双塔把数字映射成嵌入，使同类样本对靠近、异类样本对远离；可选对比损失或三元组损失，真孪生或伪孪生。</translation>
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
      <source>The last two are regression: the network outputs a number, not a class.</source>
      <translation>最后两个是回归：网络输出一个数，而不是类别。</translation>
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
      <source>plane</source>
      <translation>平面</translation>
    </message>
    <message>
      <source>gaussians</source>
      <translation>高斯</translation>
    </message>
    <message>
      <source>plane (regression)</source>
      <translation>平面（回归）</translation>
    </message>
    <message>
      <source>Gaussians (regression)</source>
      <translation>高斯（回归）</translation>
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
      <source>Show test data</source>
      <translation>显示测试数据</translation>
    </message>
    <message>
      <source>Draw the held-out points (crosses) over the output.</source>
      <translation>在输出图上画出留出的测试点（叉号）。</translation>
    </message>
    <message>
      <source>Discretize output</source>
      <translation>离散化输出</translation>
    </message>
    <message>
      <source>Show only the predicted class (regression: the sign), no shades.</source>
      <translation>只显示预测的类别（回归：正负号），不显示深浅。</translation>
    </message>
    <message>
      <source>Input features</source>
      <translation>输入特征</translation>
    </message>
    <message>
      <source>Any of x1, x2, x1sq, x2sq, x1x2, sin_x1, sin_x2, separated by commas.</source>
      <translation>x1、x2、x1sq、x2sq、x1x2、sin_x1、sin_x2 中任意几个，用逗号分隔。</translation>
    </message>
    <message>
      <source>Hidden widths</source>
      <translation>隐藏层宽度</translation>
    </message>
    <message>
      <source>Units of each hidden layer, e.g. 4,2; empty: hidden layers × neurons.</source>
      <translation>每个隐藏层的神经元数，例如 4,2；留空：隐藏层数 × 每层神经元数。</translation>
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
      <source>Regularization</source>
      <translation>正则化</translation>
    </message>
    <message>
      <source>L1 adds rate·Σ|w| to the loss (weights go to exactly zero); L2 adds rate·½Σw² (weights shrink).</source>
      <translation>L1 在损失上加 rate·Σ|w|（权重变成恰好为 0）；L2 加 rate·½Σw²（权重缩小）。</translation>
    </message>
    <message>
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <source>L1</source>
      <translation>L1</translation>
    </message>
    <message>
      <source>L2</source>
      <translation>L2</translation>
    </message>
    <message>
      <source>Regularization rate</source>
      <translation>正则化系数</translation>
    </message>
    <message>
      <source>The rate of the L1 or L2 penalty.</source>
      <translation>L1 或 L2 惩罚的系数。</translation>
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
      <source>Batch normalization</source>
      <translation>批量归一化</translation>
    </message>
    <message>
      <source>BN before each ReLU in this network; the twin has the opposite.</source>
      <translation>本网络在每个 ReLU 前加批归一化；孪生网络相反。</translation>
    </message>
    <message>
      <source>Fraction of hidden units zeroed at random while training (both networks).</source>
      <translation>训练时随机置零的隐藏单元比例（两个网络都用）。</translation>
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
      <source>Labelled examples of 5–9</source>
      <translation>5–9 的带标签样本数</translation>
    </message>
    <message>
      <source>How many labelled digits 5–9 the three networks learn from (as even across the five classes as possible).</source>
      <translation>三个网络学习的带标签数字 5–9 的个数（尽量在五个类别间平均分配）。</translation>
    </message>
    <message>
      <source>Body learning rate (× lr)</source>
      <translation>主体学习率（× lr）</translation>
    </message>
    <message>
      <source>Fine-tuning: the pre-trained layers learn at this fraction of the learning rate, the new head at the full rate.</source>
      <translation>微调：预训练的层以学习率的这一比例学习，新输出层用完整的学习率。</translation>
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
      <source>Channels</source>
      <translation>通道数</translation>
    </message>
    <message>
      <source>Channels of every convolution (CNN Explainer: 10).</source>
      <translation>每个卷积层的通道数（CNN Explainer 中为 10）。</translation>
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
      <source>Pipeline</source>
      <translation>流程</translation>
    </message>
    <message>
      <source>Where the regions come from and where their features are computed.</source>
      <translation>候选区域从哪里来，特征在哪里计算。</translation>
    </message>
    <message>
      <source>faster</source>
      <translation>Faster R-CNN</translation>
    </message>
    <message>
      <source>fast</source>
      <translation>Fast R-CNN</translation>
    </message>
    <message>
      <source>rcnn</source>
      <translation>R-CNN</translation>
    </message>
    <message>
      <source>Faster R-CNN (RPN)</source>
      <translation>Faster R-CNN（RPN）</translation>
    </message>
    <message>
      <source>Fast R-CNN (windows, shared features)</source>
      <translation>Fast R-CNN（固定窗口，共享特征）</translation>
    </message>
    <message>
      <source>R-CNN (windows, a CNN per region)</source>
      <translation>R-CNN（固定窗口，每个区域一次 CNN）</translation>
    </message>
    <message>
      <source>RoI operation</source>
      <translation>RoI 操作</translation>
    </message>
    <message>
      <source>How a region's k × k features are taken from the shared feature map.</source>
      <translation>如何从共享特征图上取出一个区域的 k × k 特征。</translation>
    </message>
    <message>
      <source>align</source>
      <translation>RoI Align</translation>
    </message>
    <message>
      <source>pool</source>
      <translation>RoI 池化</translation>
    </message>
    <message>
      <source>RoI Align</source>
      <translation>RoI Align</translation>
    </message>
    <message>
      <source>RoI pooling</source>
      <translation>RoI 池化</translation>
    </message>
    <message>
      <source>RoI output k</source>
      <translation>RoI 输出尺寸 k</translation>
    </message>
    <message>
      <source>Each region becomes k × k features.</source>
      <translation>每个区域变成 k × k 的特征。</translation>
    </message>
    <message>
      <source>Proposals kept (N)</source>
      <translation>保留的候选框数（N）</translation>
    </message>
    <message>
      <source>The RPN's best N boxes after NMS go to the second stage.</source>
      <translation>RPN 经 NMS 后得分最高的 N 个框送入第二阶段。</translation>
    </message>
    <message>
      <source>RPN NMS IoU threshold</source>
      <translation>RPN 的 NMS IoU 阈值</translation>
    </message>
    <message>
      <source>NMS among the proposals drops a box overlapping a better one more than this.</source>
      <translation>候选框之间的 NMS：与更好的框重叠超过此值的框被删除。</translation>
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
      <source>Upsampling</source>
      <translation>上采样方式</translation>
    </message>
    <message>
      <source>How the U-Net's decoder doubles the size: a 3×3 transposed convolution with stride 2, or nearest-neighbour upsampling followed by a 3×3 convolution.</source>
      <translation>U-Net 解码器如何把尺寸放大一倍：步幅为 2 的 3×3 转置卷积，或最近邻上采样后接 3×3 卷积。</translation>
    </message>
    <message>
      <source>transposed</source>
      <translation>转置卷积</translation>
    </message>
    <message>
      <source>upsample</source>
      <translation>上采样 + 卷积</translation>
    </message>
    <message>
      <source>Channels of the first convolution of both networks; later layers have more.</source>
      <translation>两个网络第一个卷积层的通道数；后面的层更多。</translation>
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
      <source>Use attention</source>
      <translation>使用注意力</translation>
    </message>
    <message>
      <source>Off: the decoder sees only the encoder's final state, one fixed summary of the whole input (no attention weights).</source>
      <translation>关闭时，解码器只能看到编码器的最终状态——整个输入的一个固定摘要（没有注意力权重）。</translation>
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
      <source>Labelled examples</source>
      <translation>带标签样本数</translation>
    </message>
    <message>
      <source>Labelled sentences both networks are fine-tuned on (half positive, half negative).</source>
      <translation>两个网络微调时使用的带标签句子（一半褒义，一半贬义）。</translation>
    </message>
    <message>
      <source>Unlabelled sentences</source>
      <translation>无标签句子数</translation>
    </message>
    <message>
      <source>Sentences without labels the masked-word task learns from.</source>
      <translation>掩码词任务学习所用的无标签句子。</translation>
    </message>
    <message>
      <source>Pre-training steps</source>
      <translation>预训练步数</translation>
    </message>
    <message>
      <source>Masked-word steps before fine-tuning starts (0: no pre-training).</source>
      <translation>微调开始前的掩码词训练步数（0：不预训练）。</translation>
    </message>
    <message>
      <source>Fine-tuning learning rate</source>
      <translation>微调学习率</translation>
    </message>
    <message>
      <source>The rate of both networks while fine-tuning; the learning rate above is pre-training's.</source>
      <translation>两个网络微调时的学习率；上面的学习率用于预训练。</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>文本</translation>
    </message>
    <message>
      <source>The essay on neural networks the model learns to write.</source>
      <translation>模型学着写的那篇讲神经网络的短文。</translation>
    </message>
    <message>
      <source>en</source>
      <translation>英文</translation>
    </message>
    <message>
      <source>zh_CN</source>
      <translation>中文</translation>
    </message>
    <message>
      <source>English essay</source>
      <translation>英文短文</translation>
    </message>
    <message>
      <source>Chinese essay</source>
      <translation>中文短文</translation>
    </message>
    <message>
      <source>The end of the text held out to measure perplexity.</source>
      <translation>文本末尾留出的部分，用来测量困惑度。</translation>
    </message>
    <message>
      <source>Context length</source>
      <translation>上下文长度</translation>
    </message>
    <message>
      <source>Characters the model sees at once.</source>
      <translation>模型一次看到的字符数。</translation>
    </message>
    <message>
      <source>Share of activations zeroed while training.</source>
      <translation>训练时被置零的激活值所占的比例。</translation>
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
      <source>Contrastive: different-class pairs farther apart than m cost nothing. Triplet: the negative must be m farther from the anchor than the positive.</source>
      <translation>对比损失：距离超过 m 的异类样本对没有损失。三元组损失：负例到锚点的距离必须比正例远 m。</translation>
    </message>
    <message>
      <source>Loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>Contrastive: pairs, ½d² for same class, ½·max(0, m − d)² for different. Triplet: anchor, positive, negative, max(0, d(a,p) − d(a,n) + m).</source>
      <translation>对比损失：样本对，同类为 ½d²，异类为 ½·max(0, m − d)²。三元组损失：锚点、正例、负例，max(0, d(a,p) − d(a,n) + m)。</translation>
    </message>
    <message>
      <source>contrastive</source>
      <translation>对比损失</translation>
    </message>
    <message>
      <source>triplet</source>
      <translation>三元组损失</translation>
    </message>
    <message>
      <source>Triplet mining</source>
      <translation>三元组挖掘</translation>
    </message>
    <message>
      <source>Triplet loss only; per anchor of a batch: random = any positive and negative; batch-hard = the farthest positive and the closest negative; semi-hard = a negative farther than the positive but inside the margin, d(a,p) &lt; d(a,n) &lt; d(a,p) + m.</source>
      <translation>仅用于三元组损失；对批次中的每个锚点：随机 = 任意正例和负例；批内最难 = 最远的正例和最近的负例；半难 = 比正例远但仍在间隔内的负例，d(a,p) &lt; d(a,n) &lt; d(a,p) + m。</translation>
    </message>
    <message>
      <source>random</source>
      <translation>随机</translation>
    </message>
    <message>
      <source>batch-hard</source>
      <translation>批内最难</translation>
    </message>
    <message>
      <source>semi-hard</source>
      <translation>半难</translation>
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
      <source>choose one or more of {allowed}</source>
      <translation>从 {allowed} 中选一个或多个</translation>
    </message>
    <message>
      <source>whole numbers 1–{limit} separated by commas, at most {layers} of them</source>
      <translation>1–{limit} 的整数，用逗号分隔，最多 {layers} 个</translation>
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
      <source>D loss</source>
      <translation>D 损失</translation>
    </message>
    <message>
      <source>validation D loss</source>
      <translation>验证 D 损失</translation>
    </message>
    <message>
      <source>G loss</source>
      <translation>G 损失</translation>
    </message>
    <message>
      <source>validation G loss</source>
      <translation>验证 G 损失</translation>
    </message>
    <message>
      <source>D on data</source>
      <translation>D(真实)</translation>
    </message>
    <message>
      <source>validation D on data</source>
      <translation>验证 D(真实)</translation>
    </message>
    <message>
      <source>D on generated</source>
      <translation>D(生成)</translation>
    </message>
    <message>
      <source>validation D on generated</source>
      <translation>验证 D(生成)</translation>
    </message>
    <message>
      <source>D gap</source>
      <translation>D 差距</translation>
    </message>
    <message>
      <source>validation D gap</source>
      <translation>验证 D 差距</translation>
    </message>
    <message>
      <source>modes covered</source>
      <translation>覆盖模式数</translation>
    </message>
    <message>
      <source>validation modes covered</source>
      <translation>验证集覆盖模式数</translation>
    </message>
    <message>
      <source>high-quality share</source>
      <translation>高质量比例</translation>
    </message>
    <message>
      <source>validation high-quality share</source>
      <translation>验证集高质量比例</translation>
    </message>
    <message>
      <source>reconstruction loss</source>
      <translation>重建误差</translation>
    </message>
    <message>
      <source>validation reconstruction loss</source>
      <translation>验证重建误差</translation>
    </message>
    <message>
      <source>KL divergence</source>
      <translation>KL 散度</translation>
    </message>
    <message>
      <source>validation KL divergence</source>
      <translation>验证 KL 散度</translation>
    </message>
    <message>
      <source>token accuracy</source>
      <translation>词元准确率</translation>
    </message>
    <message>
      <source>validation token accuracy</source>
      <translation>验证词元准确率</translation>
    </message>
    <message>
      <source>sequence accuracy</source>
      <translation>整句准确率</translation>
    </message>
    <message>
      <source>validation sequence accuracy</source>
      <translation>验证整句准确率</translation>
    </message>
    <message>
      <source>BLEU</source>
      <translation>BLEU</translation>
    </message>
    <message>
      <source>validation BLEU</source>
      <translation>验证 BLEU</translation>
    </message>
    <message>
      <source>gradient norm</source>
      <translation>梯度范数</translation>
    </message>
    <message>
      <source>validation gradient norm</source>
      <translation>验证梯度范数</translation>
    </message>
    <message>
      <source>distance threshold</source>
      <translation>阈值</translation>
    </message>
    <message>
      <source>validation distance threshold</source>
      <translation>验证阈值</translation>
    </message>
    <message>
      <source>teacher accuracy</source>
      <translation>教师准确率</translation>
    </message>
    <message>
      <source>validation teacher accuracy</source>
      <translation>验证教师准确率</translation>
    </message>
    <message>
      <source>training loss (hard labels only)</source>
      <translation>硬标签损失</translation>
    </message>
    <message>
      <source>validation loss (hard labels only)</source>
      <translation>验证硬标签损失</translation>
    </message>
    <message>
      <source>training accuracy (hard labels only)</source>
      <translation>硬标签准确率</translation>
    </message>
    <message>
      <source>validation accuracy (hard labels only)</source>
      <translation>验证硬标签准确率</translation>
    </message>
    <message>
      <source>recall</source>
      <translation>召回率</translation>
    </message>
    <message>
      <source>validation recall</source>
      <translation>验证召回率</translation>
    </message>
    <message>
      <source>precision</source>
      <translation>精确率</translation>
    </message>
    <message>
      <source>validation precision</source>
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
      <source>verification accuracy</source>
      <translation>验证对准确率</translation>
    </message>
    <message>
      <source>validation verification accuracy</source>
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
      <source>gradient norm after clipping</source>
      <translation>裁剪后梯度范数</translation>
    </message>
    <message>
      <source>validation gradient norm after clipping</source>
      <translation>验证裁剪后梯度范数</translation>
    </message>
    <message>
      <source>classification loss</source>
      <translation>分类损失</translation>
    </message>
    <message>
      <source>validation classification loss</source>
      <translation>验证分类损失</translation>
    </message>
    <message>
      <source>box loss</source>
      <translation>边框损失</translation>
    </message>
    <message>
      <source>validation box loss</source>
      <translation>验证边框损失</translation>
    </message>
    <message>
      <source>training loss (twin)</source>
      <translation>训练损失（对照网络）</translation>
    </message>
    <message>
      <source>validation loss (twin)</source>
      <translation>验证损失（对照网络）</translation>
    </message>
    <message>
      <source>training accuracy (twin)</source>
      <translation>训练准确率（对照网络）</translation>
    </message>
    <message>
      <source>validation accuracy (twin)</source>
      <translation>验证准确率（对照网络）</translation>
    </message>
    <message>
      <source>mean IoU (twin)</source>
      <translation>平均 IoU（对照网络）</translation>
    </message>
    <message>
      <source>validation mean IoU (twin)</source>
      <translation>验证平均 IoU（对照网络）</translation>
    </message>
    <message>
      <source>training perplexity</source>
      <translation>训练困惑度</translation>
    </message>
    <message>
      <source>validation perplexity</source>
      <translation>验证困惑度</translation>
    </message>
    <message>
      <source>active triplets</source>
      <translation>活跃三元组</translation>
    </message>
    <message>
      <source>validation active triplets</source>
      <translation>验证活跃三元组</translation>
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
      <source>training loss (from scratch)</source>
      <translation>训练损失（从零训练）</translation>
    </message>
    <message>
      <source>validation loss (from scratch)</source>
      <translation>验证损失（从零训练）</translation>
    </message>
    <message>
      <source>training accuracy (from scratch)</source>
      <translation>训练准确率（从零训练）</translation>
    </message>
    <message>
      <source>validation accuracy (from scratch)</source>
      <translation>验证准确率（从零训练）</translation>
    </message>
    <message>
      <source>training loss (frozen features)</source>
      <translation>训练损失（冻结特征）</translation>
    </message>
    <message>
      <source>validation loss (frozen features)</source>
      <translation>验证损失（冻结特征）</translation>
    </message>
    <message>
      <source>training accuracy (frozen features)</source>
      <translation>训练准确率（冻结特征）</translation>
    </message>
    <message>
      <source>validation accuracy (frozen features)</source>
      <translation>验证准确率（冻结特征）</translation>
    </message>
    <message>
      <source>RPN loss</source>
      <translation>RPN 损失</translation>
    </message>
    <message>
      <source>validation RPN loss</source>
      <translation>验证集 RPN 损失</translation>
    </message>
    <message>
      <source>second-stage loss</source>
      <translation>第二阶段损失</translation>
    </message>
    <message>
      <source>validation second-stage loss</source>
      <translation>验证集第二阶段损失</translation>
    </message>
    <message>
      <source>proposal recall</source>
      <translation>候选框召回率</translation>
    </message>
    <message>
      <source>validation proposal recall</source>
      <translation>验证集候选框召回率</translation>
    </message>
    <message>
      <source>masked-word accuracy</source>
      <translation>掩码词准确率</translation>
    </message>
    <message>
      <source>validation masked-word accuracy</source>
      <translation>验证掩码词准确率</translation>
    </message>
    <message>
      <source>value</source>
      <translation>数值</translation>
    </message>
    <message>
      <source>marker</source>
      <translation>标记</translation>
    </message>
    <message>
      <source>Your own network, trained on 2-D points.</source>
      <translation>你自己的网络，在二维点数据上训练。</translation>
    </message>
    <message>
      <source>Your own network, trained on the 8×8 digits.</source>
      <translation>你自己的网络，在 8×8 手写数字上训练。</translation>
    </message>
    <message>
      <source>Your own network, trained on the 32×32 digits.</source>
      <translation>你自己的网络，在 32×32 手写数字上训练。</translation>
    </message>
    <message>
      <source>Your own network, trained on a sequence task.</source>
      <translation>你自己的网络，在序列任务上训练。</translation>
    </message>
    <message>
      <source>Your own network, fitted to random inputs and targets.</source>
      <translation>你自己的网络，拟合随机输入和目标。</translation>
    </message>
  </context>
  <context>
    <name>dlviz.classroom</name>
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
      <source>From step</source>
      <translation>起始步</translation>
    </message>
    <message>
      <source>To step</source>
      <translation>结束步</translation>
    </message>
    <message>
      <source>Record the run as a GIF</source>
      <translation>把训练过程录制为 GIF</translation>
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
      <source>Record the run as a video (MP4)</source>
      <translation>将运行录制为视频（MP4）</translation>
    </message>
    <message>
      <source>Keep the stage's shape</source>
      <translation>保持舞台的宽高比</translation>
    </message>
    <message>
      <source>Height (px)</source>
      <translation>高度 (px)</translation>
    </message>
    <message>
      <source>Save video</source>
      <translation>保存视频</translation>
    </message>
    <message>
      <source>MP4 video (*.mp4)</source>
      <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
      <source>Compare…</source>
      <translation>比较…</translation>
    </message>
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
      <source>Run as video (MP4)…</source>
      <translation>运行录制为视频（MP4）…</translation>
    </message>
    <message>
      <source>Metrics as CSV…</source>
      <translation>指标导出为 CSV……</translation>
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
      <source>Recording the GIF…</source>
      <translation>正在录制 GIF…</translation>
    </message>
    <message>
      <source>GIF export cancelled.</source>
      <translation>已取消导出 GIF。</translation>
    </message>
    <message>
      <source>Recording the video…</source>
      <translation>正在录制视频…</translation>
    </message>
    <message>
      <source>Video export cancelled.</source>
      <translation>已取消视频导出。</translation>
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
      <source>Train for a moment first: the video is made from the timeline.</source>
      <translation>请先训练一会儿：视频由时间轴上的快照生成。</translation>
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
      <source>nothing to record</source>
      <translation>没有可录制的内容</translation>
    </message>
    <message>
      <source>Encoding the GIF…</source>
      <translation>正在编码 GIF…</translation>
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
      <source>step {0}</source>
      <translation>第 {0} 步</translation>
    </message>
    <message>
      <source>Practice this lab…</source>
      <translation>练习本实验…</translation>
    </message>
    <message>
      <source>Mixed set for this chapter…</source>
      <translation>本章综合练习…</translation>
    </message>
    <message>
      <source>Timed quiz (10 questions)…</source>
      <translation>计时测验（10 题）…</translation>
    </message>
    <message>
      <source>&amp;Practice</source>
      <translation>练习(&amp;P)</translation>
    </message>
    <message>
      <source>Preparing questions…</source>
      <translation>正在生成题目…</translation>
    </message>
    <message>
      <source>The answer is in the framed panel.</source>
      <translation>答案在加框标出的面板中。</translation>
    </message>
    <message>
      <source>Chapter: {0}</source>
      <translation>章节：{0}</translation>
    </message>
    <message>
      <source>Quiz</source>
      <translation>测验</translation>
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
      <source>Rename lesson…</source>
      <translation>重命名课程…</translation>
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
      <source>Rename lesson</source>
      <translation>重命名课程</translation>
    </message>
    <message>
      <source>Name of the lesson:</source>
      <translation>课程名称：</translation>
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
      <source>{name} cannot be read ({reason}).</source>
      <translation>无法读取 {name}（{reason}）。</translation>
    </message>
    <message>
      <source>{name} is empty.</source>
      <translation>{name} 是空文件。</translation>
    </message>
    <message>
      <source>{name} is damaged: it is incomplete or corrupted (was it cut off while being copied or downloaded?).</source>
      <translation>{name} 已损坏：文件不完整或内容出错（是否在复制或下载时被截断？）。</translation>
    </message>
    <message>
      <source>{name} is a Python pickle, not a dlviz session; dlviz does not open pickles because they can run code.</source>
      <translation>{name} 是 Python pickle 文件，不是 dlviz 会话；dlviz 不打开 pickle 文件，因为它们可能运行代码。</translation>
    </message>
    <message>
      <source>{name} holds Python objects that a dlviz session never contains; dlviz did not load them (they could run code). It is not a dlviz session.</source>
      <translation>{name} 含有 dlviz 会话中从不出现的 Python 对象；dlviz 没有加载它们（它们可能运行代码）。这不是 dlviz 会话。</translation>
    </message>
    <message>
      <source>{name} is not a dlviz session file (sessions are saved by File ▸ Save session).</source>
      <translation>{name} 不是 dlviz 会话文件（会话通过“文件 ▸ 保存会话”保存）。</translation>
    </message>
    <message>
      <source>{name} was saved by a newer version of dlviz (session format version {version}; this dlviz reads version {supported}). Update dlviz to open it.</source>
      <translation>{name} 由更新版本的 dlviz 保存（会话格式版本 {version}；本 dlviz 读取版本 {supported}）。请更新 dlviz 后再打开。</translation>
    </message>
    <message>
      <source>{name} was saved by an older version of dlviz (session format version {version}) that this dlviz cannot read.</source>
      <translation>{name} 由旧版本的 dlviz 保存（会话格式版本 {version}），本 dlviz 无法读取。</translation>
    </message>
    <message>
      <source>{name} is for a lab this dlviz does not have ({lab}).</source>
      <translation>{name} 属于本 dlviz 没有的实验（{lab}）。</translation>
    </message>
    <message>
      <source>{name}: the lab {lab} is a tool and has nothing to save.</source>
      <translation>{name}：实验 {lab} 是一个工具，没有可保存的内容。</translation>
    </message>
    <message>
      <source>{name} has a setting the lab {lab} does not accept: {problem}</source>
      <translation>{name} 中有实验 {lab} 不接受的设置：{problem}</translation>
    </message>
    <message>
      <source>The weights do not fit the lab {lab}: they were saved from another network ({problem}).</source>
      <translation>权重与实验 {lab} 不匹配：它们保存自另一个网络（{problem}）。</translation>
    </message>
    <message>
      <source>The saved state does not fit the lab {lab}: it was saved from another network or dlviz version.</source>
      <translation>保存的状态与实验 {lab} 不匹配：它保存自另一个网络或另一个 dlviz 版本。</translation>
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
    <message>
      <source>{0} could not be read ({1}).</source>
      <translation>无法读取 {0}（{1}）。</translation>
    </message>
  </context>
  <context>
    <name>LessonEditor</name>
    <message>
      <source>Open lesson</source>
      <translation>打开课程</translation>
    </message>
    <message>
      <source>dlviz lesson (*.json)</source>
      <translation>dlviz 课程 (*.json)</translation>
    </message>
    <message>
      <source>Save lesson as</source>
      <translation>课程另存为</translation>
    </message>
    <message>
      <source>&amp;Lesson</source>
      <translation>课程(&amp;L)</translation>
    </message>
    <message>
      <source>New lesson</source>
      <translation>新课程</translation>
    </message>
    <message>
      <source>Lesson title:</source>
      <translation>课程标题：</translation>
    </message>
    <message>
      <source>Scene title:</source>
      <translation>场景标题：</translation>
    </message>
    <message>
      <source>Move up</source>
      <translation>上移</translation>
    </message>
    <message>
      <source>Move down</source>
      <translation>下移</translation>
    </message>
    <message>
      <source>Duplicate</source>
      <translation>复制</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Add the window's view</source>
      <translation>添加窗口当前画面</translation>
    </message>
    <message>
      <source>Preview</source>
      <translation>预览</translation>
    </message>
    <message>
      <source>Open…</source>
      <translation>打开…</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Save as…</source>
      <translation>另存为…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Add what the window shows now (lab, settings, zoom, ink) as a scene after the selected one</source>
      <translation>把窗口当前显示的内容（实验、设置、放大的面板、笔迹）作为场景添加到所选场景之后</translation>
    </message>
    <message>
      <source>Show the selected scene in the window</source>
      <translation>在窗口中显示所选场景</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>说明</translation>
    </message>
    <message>
      <source>Question (predict)</source>
      <translation>问题（先预测）</translation>
    </message>
    <message>
      <source>Answer (revealed)</source>
      <translation>答案（揭晓）</translation>
    </message>
    <message>
      <source>Edit lesson…</source>
      <translation>编辑课程…</translation>
    </message>
    <message>
      <source>step through</source>
      <translation>逐步查看</translation>
    </message>
    <message>
      <source>training</source>
      <translation>训练</translation>
    </message>
    <message>
      <source>Not saved yet</source>
      <translation>尚未保存</translation>
    </message>
    <message>
      <source>Edit lesson</source>
      <translation>编辑课程</translation>
    </message>
    <message>
      <source>(copy)</source>
      <translation>（副本）</translation>
    </message>
    <message>
      <source>Saved {0}</source>
      <translation>已保存 {0}</translation>
    </message>
    <message>
      <source>zoom: {0}</source>
      <translation>放大：{0}</translation>
    </message>
    <message>
      <source>{0} ink strokes</source>
      <translation>{0} 条笔迹</translation>
    </message>
    <message>
      <source>File: {0}</source>
      <translation>文件：{0}</translation>
    </message>
    <message>
      <source>This lesson cannot be opened:</source>
      <translation>无法打开这个课程：</translation>
    </message>
    <message>
      <source>The lesson could not be saved: {0}</source>
      <translation>无法保存课程：{0}</translation>
    </message>
  </context>
  <context>
    <name>dlviz.usermodel</name>
    <message>
      <source>2-D points</source>
      <translation>二维点</translation>
    </message>
    <message>
      <source>Digits 8×8</source>
      <translation>手写数字 8×8</translation>
    </message>
    <message>
      <source>Digits 32×32</source>
      <translation>手写数字 32×32</translation>
    </message>
    <message>
      <source>Sequences</source>
      <translation>序列</translation>
    </message>
    <message>
      <source>Random input</source>
      <translation>随机输入</translation>
    </message>
    <message>
      <source>Cross-entropy (classes)</source>
      <translation>交叉熵（分类）</translation>
    </message>
    <message>
      <source>Mean squared error</source>
      <translation>均方误差</translation>
    </message>
    <message>
      <source>The sequence task's own loss</source>
      <translation>序列任务自带的损失</translation>
    </message>
    <message>
      <source>Importing the file failed</source>
      <translation>导入文件失败</translation>
    </message>
    <message>
      <source>Building the model failed</source>
      <translation>构建模型失败</translation>
    </message>
    <message>
      <source>The shapes do not fit</source>
      <translation>张量形状不匹配</translation>
    </message>
    <message>
      <source>The output does not fit the data</source>
      <translation>输出与数据不匹配</translation>
    </message>
    <message>
      <source>The forward pass failed</source>
      <translation>前向传播失败</translation>
    </message>
    <message>
      <source>The backward pass failed</source>
      <translation>反向传播失败</translation>
    </message>
    <message>
      <source>The file's code did not finish</source>
      <translation>文件中的代码没有运行结束</translation>
    </message>
    <message>
      <source>Checking the model failed</source>
      <translation>检查模型失败</translation>
    </message>
    <message>
      <source>Your model's step is stuck inside compiled code (C or C++, e.g. a sleep or a library call), where Python cannot interrupt it. It keeps running in the background until it returns; the rest of dlviz works: press Reset or open another lab.</source>
      <translation>你的模型这一步卡在编译代码里（C 或 C++，例如 sleep 或某个库函数），Python 无法中断它。它会在后台一直运行到返回为止；dlviz 的其他部分照常可用：按“重置”或打开另一个实验。</translation>
    </message>
    <message>
      <source>Stopping your model's step…</source>
      <translation>正在停止你的模型的这一步…</translation>
    </message>
    <message>
      <source>Open model</source>
      <translation>打开模型</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <source>Train on</source>
      <translation>训练数据</translation>
    </message>
    <message>
      <source>Sequence task</source>
      <translation>序列任务</translation>
    </message>
    <message>
      <source>Sequence length</source>
      <translation>序列长度</translation>
    </message>
    <message>
      <source>Input shape (no batch)</source>
      <translation>输入形状（不含批量维）</translation>
    </message>
    <message>
      <source>Loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>Open model…</source>
      <translation>打开模型…</translation>
    </message>
    <message>
      <source>Train a network from your own Python file</source>
      <translation>训练你自己 Python 文件中的网络</translation>
    </message>
    <message>
      <source>Python files (*.py)</source>
      <translation>Python 文件 (*.py)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Open session</source>
      <translation>打开会话</translation>
    </message>
    <message>
      <source>No model found</source>
      <translation>没有找到模型</translation>
    </message>
    <message>
      <source>File: {0}</source>
      <translation>文件：{0}</translation>
    </message>
    <message>
      <source>Opening a model runs the Python code in {0}, with your rights on this computer. Open only files you trust.

Run this file?</source>
      <translation>打开模型会以你在这台电脑上的权限运行 {0} 中的 Python 代码。只打开你信任的文件。

运行这个文件吗？</translation>
    </message>
    <message>
      <source>Reading {0}…</source>
      <translation>正在读取 {0}…</translation>
    </message>
    <message>
      <source>Checking {0} on {1}…</source>
      <translation>正在用{1}检查 {0}…</translation>
    </message>
    <message>
      <source>Locate…</source>
      <translation>查找…</translation>
    </message>
    <message>
      <source>Your model {1} changed since the session {0} was saved.

Load the saved weights into the model as it is now? If its layers changed shape, the weights are refused and nothing changes.</source>
      <translation>会话 {0} 保存之后，你的模型 {1} 被修改过。

要把保存的权重载入现在的模型吗？如果它的层形状变了，权重会被拒绝，什么都不会改变。</translation>
    </message>
    <message>
      <source>Locate {0}</source>
      <translation>查找 {0}</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Your model's step was stopped after {0} s. Details… shows the line it was running; press Play to go on or Reset to start again.</source>
      <translation>你的模型这一步运行 {0} 秒后被停止。“详情……”显示它当时正在运行的那一行；按“播放”继续，或按“重置”从头开始。</translation>
    </message>
    <message>
      <source>Input of one batch: [batch, {0}]</source>
      <translation>一个批次的输入：[batch, {0}]</translation>
    </message>
    <message>
      <source>{0} defines no nn.Module subclass and no function that builds one (named build…, make…, create… or model…).</source>
      <translation>{0} 中没有 nn.Module 子类，也没有构建模型的函数（名为 build…、make…、create… 或 model…）。</translation>
    </message>
    <message>
      <source>The session {0} trains your model {1}, but that file is missing (it was at {2}). Locate it to open the session.</source>
      <translation>会话 {0} 训练的是你的模型 {1}，但这个文件不见了（原来在 {2}）。找到它才能打开这个会话。</translation>
    </message>
    <message>
      <source>Your model's step has run {0} s and has not finished; Stop interrupts it.</source>
      <translation>你的模型这一步已经运行了 {0} 秒还没有结束；按“停止”可以中断它。</translation>
    </message>
    <message>
      <source>The session {0} was not opened: your model {1} changed since it was saved.</source>
      <translation>没有打开会话 {0}：保存之后你的模型 {1} 被修改过。</translation>
    </message>
  </context>
  <context>
    <name>PresenterView</name>
    <message>
      <source>No lesson is open (Lesson ▸ Open lesson…).</source>
      <translation>没有打开课程（课程 ▸ 打开课程…）。</translation>
    </message>
    <message>
      <source>This is the last scene.</source>
      <translation>这是最后一个场景。</translation>
    </message>
    <message>
      <source>Presenter view</source>
      <translation>演讲者视图</translation>
    </message>
    <message>
      <source>Start presenting</source>
      <translation>开始演示</translation>
    </message>
    <message>
      <source>Open as a window</source>
      <translation>以普通窗口打开</translation>
    </message>
    <message>
      <source>Projector:</source>
      <translation>投影屏幕：</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>dlviz — presenter view</source>
      <translation>dlviz — 演讲者视图</translation>
    </message>
    <message>
      <source>Restart</source>
      <translation>重新计时</translation>
    </message>
    <message>
      <source>Start the elapsed time again</source>
      <translation>已用时间从零开始</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>说明</translation>
    </message>
    <message>
      <source>Next scene</source>
      <translation>下一个场景</translation>
    </message>
    <message>
      <source>On the projector</source>
      <translation>投影画面</translation>
    </message>
    <message>
      <source>◀ Previous scene</source>
      <translation>◀ 上一个场景</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>单步</translation>
    </message>
    <message>
      <source>Next scene ▶</source>
      <translation>下一个场景 ▶</translation>
    </message>
    <message>
      <source>Pen (P)</source>
      <translation>画笔 (P)</translation>
    </message>
    <message>
      <source>Blank (B)</source>
      <translation>黑屏 (B)</translation>
    </message>
    <message>
      <source>End presenting</source>
      <translation>结束演示</translation>
    </message>
    <message>
      <source>Presenter view (two screens)…</source>
      <translation>演讲者视图（双屏）…</translation>
    </message>
    <message>
      <source>The stage goes full screen on the projector. The presenter view (scene note, question, next scene, clock) opens on the other screen.</source>
      <translation>舞台在投影屏幕上全屏显示；演讲者视图（场景说明、问题、下一个场景、时钟）在另一块屏幕上打开。</translation>
    </message>
    <message>
      <source>Only one screen is connected. Connect a projector or a second monitor to show the stage there and the presenter view here. Meanwhile the presenter view can open as a normal window.</source>
      <translation>只连接了一块屏幕。连接投影仪或第二台显示器后，舞台显示在那里，演讲者视图显示在这里。现在可以先把演讲者视图作为普通窗口打开。</translation>
    </message>
    <message>
      <source>*This scene has no note.*</source>
      <translation>*这个场景没有说明。*</translation>
    </message>
    <message>
      <source>*No question.*</source>
      <translation>*没有问题。*</translation>
    </message>
    <message>
      <source>Predict, then reveal (lab notes)</source>
      <translation>先预测，再揭晓（实验笔记）</translation>
    </message>
    <message>
      <source>Predict, then reveal</source>
      <translation>先预测，再揭晓</translation>
    </message>
    <message>
      <source>Hide the answer</source>
      <translation>隐藏答案</translation>
    </message>
    <message>
      <source>Reveal the answer</source>
      <translation>揭晓答案</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <source>Play</source>
      <translation>播放</translation>
    </message>
    <message>
      <source>main screen</source>
      <translation>主屏幕</translation>
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
    <name>dlviz.practice</name>
    <message>
      <source>Scaled dot-product attention, d = {d}: query q = {q}, keys {keys}. What weight does the query give to k{j}? (three decimals)</source>
      <translation>缩放点积注意力，d = {d}：查询 q = {q}，键 {keys}。查询分给 k{j} 的注意力权重是多少？（保留三位小数）</translation>
    </message>
    <message>
      <source>scores q·k = {scores}; divided by √{d}; softmax → {weights}: weight {answer}</source>
      <translation>得分 q·k = {scores}；除以 √{d}；softmax → {weights}：权重 {answer}</translation>
    </message>
    <message>
      <source>Divide the scores by √d before the softmax.</source>
      <translation>做 softmax 之前要先把得分除以 √d。</translation>
    </message>
    <message>
      <source>That is the scaled score before the softmax.</source>
      <translation>这是 softmax 之前缩放后的得分。</translation>
    </message>
    <message>
      <source>Query q = {q}, keys {keys}. Which key gets the largest attention weight?</source>
      <translation>查询 q = {q}，键 {keys}。哪个键得到的注意力权重最大？</translation>
    </message>
    <message>
      <source>q·k = {scores}; the largest score gets the largest softmax weight: k{best} ({weight})</source>
      <translation>q·k = {scores}；得分最大的键 softmax 权重也最大：k{best}（{weight}）</translation>
    </message>
    <message>
      <source>Its score q·k is smaller.</source>
      <translation>它的得分 q·k 更小。</translation>
    </message>
    <message>
      <source>The longest key is not the most similar one: compare q·k.</source>
      <translation>最长的键不一定最相似：要比较 q·k。</translation>
    </message>
    <message>
      <source>Multi-head attention with model width d = {d} and {h} heads (projections W_Q, W_K, W_V and W_O, with bias): how many parameters?</source>
      <translation>多头注意力，模型宽度 d = {d}，{h} 个头（投影 W_Q、W_K、W_V 和 W_O，含偏置）：共有多少个参数？</translation>
    </message>
    <message>
      <source>4 projections of d×d + d: 4·({d}·{d} + {d}) = {answer}; the heads split d, they add no weights</source>
      <translation>4 个 d×d + d 的投影：4·({d}·{d} + {d}) = {answer}；多个头只是切分 d，不增加权重</translation>
    </message>
    <message>
      <source>The heads share the d×d projections (each gets d/h columns).</source>
      <translation>各个头共用 d×d 的投影（每个头分到 d/h 列）。</translation>
    </message>
    <message>
      <source>The output projection W_O counts too.</source>
      <translation>输出投影 W_O 也要计算在内。</translation>
    </message>
    <message>
      <source>Each projection has a bias too.</source>
      <translation>每个投影也有偏置。</translation>
    </message>
    <message>
      <source>Sinusoidal positional encoding with d = {d}: what is PE[{pos}, {index}]? (three decimals)</source>
      <translation>正弦位置编码，d = {d}：PE[{pos}, {index}] 是多少？（保留三位小数）</translation>
    </message>
    <message>
      <source>PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(…): {func}({pos} / 10000^({two_i}/{d})) = {answer}</source>
      <translation>PE[p, 2i] = sin(p / 10000^(2i/d))，PE[p, 2i+1] = cos(…)：{func}({pos} / 10000^({two_i}/{d})) = {answer}</translation>
    </message>
    <message>
      <source>A decoder's causal mask for a sequence of {n} tokens: how many of the {n}×{n} query–key pairs are masked (a token may not look ahead)?</source>
      <translation>解码器对 {n} 个词元的序列使用因果掩码：{n}×{n} 个查询–键对中有多少个被屏蔽（词元不能看到后面的位置）？</translation>
    </message>
    <message>
      <source>the pairs above the diagonal: {n}·({n} − 1)/2 = {answer}</source>
      <translation>对角线以上的位置：{n}·({n} − 1)/2 = {answer}</translation>
    </message>
    <message>
      <source>Only the pairs above the diagonal are masked.</source>
      <translation>只有对角线以上的位置被屏蔽。</translation>
    </message>
    <message>
      <source>Half of the pairs plus or minus the diagonal: count them.</source>
      <translation>不是简单的一半：要数清楚对角线。</translation>
    </message>
    <message>
      <source>A token may look at itself: the diagonal stays.</source>
      <translation>词元可以看到自己：对角线不屏蔽。</translation>
    </message>
    <message>
      <source>Prediction "{pred}", reference "{ref}". What is the course's BLEU with 1- and 2-grams: BP·p₁^(1/2)·p₂^(1/4)? (three decimals)</source>
      <translation>预测“{pred}”，参考“{ref}”。按课程中的 BLEU（只用 1-gram 和 2-gram）：BP·p₁^(1/2)·p₂^(1/4) 是多少？（保留三位小数）</translation>
    </message>
    <message>
      <source>p₁ = {p1}/{t1}, p₂ = {p2}/{t2}, BP = exp(min(0, 1 − {lr}/{lp})) = {bp}: BLEU = {answer}</source>
      <translation>p₁ = {p1}/{t1}，p₂ = {p2}/{t2}，BP = exp(min(0, 1 − {lr}/{lp})) = {bp}：BLEU = {answer}</translation>
    </message>
    <message>
      <source>{net}: how many parameters has the convolution {path} ({cin} → {cout} channels, {k}×{k} kernel, groups {groups}, with bias)?</source>
      <translation>{net}：卷积层 {path}（{cin} → {cout} 通道，{k}×{k} 卷积核，分组 {groups}，含偏置）有多少个参数？</translation>
    </message>
    <message>
      <source>({k}×{k}×{cin} + 1)×{cout} = {answer}</source>
      <translation>({k}×{k}×{cin} + 1)×{cout} = {answer}</translation>
    </message>
    <message>
      <source>One bias per output channel, not per input channel.</source>
      <translation>每个输出通道一个偏置，而不是每个输入通道。</translation>
    </message>
    <message>
      <source>A near miss: check each factor of the formula.</source>
      <translation>差一点：逐项检查公式中的每个因子。</translation>
    </message>
    <message>
      <source>Forgetting the bias: one more parameter per output channel.</source>
      <translation>忘了偏置：每个输出通道还有一个参数。</translation>
    </message>
    <message>
      <source>Forgetting the input channels: each kernel is k×k×C_in.</source>
      <translation>忘了输入通道：每个卷积核是 k×k×C_in。</translation>
    </message>
    <message>
      <source>{net}: how many parameters has the convolution {path} ({cin} → {cout} channels, {k}×{k} kernel, groups {groups}, no bias)?</source>
      <translation>{net}：卷积层 {path}（{cin} → {cout} 通道，{k}×{k} 卷积核，分组 {groups}，无偏置）有多少个参数？</translation>
    </message>
    <message>
      <source>{k}×{k}×{cin}×{cout} = {answer} (no bias)</source>
      <translation>{k}×{k}×{cin}×{cout} = {answer}（无偏置）</translation>
    </message>
    <message>
      <source>This layer has no bias; adding C_out biases overcounts.</source>
      <translation>这一层没有偏置；加上 C_out 个偏置就多算了。</translation>
    </message>
    <message>
      <source>{k}×{k}×({cin}/{groups})×{cout} = {answer} (no bias)</source>
      <translation>{k}×{k}×({cin}/{groups})×{cout} = {answer}（无偏置）</translation>
    </message>
    <message>
      <source>{net}: the convolution {path} gets a {n}×{n} input (kernel {k}, stride {s}, padding {p}). What is the side of its output?</source>
      <translation>{net}：卷积层 {path} 的输入为 {n}×{n}（卷积核 {k}，步幅 {s}，填充 {p}）。输出特征图的边长是多少？</translation>
    </message>
    <message>
      <source>⌊({n} + 2·{p} − {k}) / {s}⌋ + 1 = {answer}</source>
      <translation>⌊({n} + 2·{p} − {k}) / {s}⌋ + 1 = {answer}</translation>
    </message>
    <message>
      <source>Forgetting the +1 after the division.</source>
      <translation>忘了除法之后的 +1。</translation>
    </message>
    <message>
      <source>Rounding up: the division is rounded down (floor).</source>
      <translation>向上取整了：除法应向下取整（floor）。</translation>
    </message>
    <message>
      <source>Forgetting the padding: n + 2p, not n.</source>
      <translation>忘了填充：应为 n + 2p，而不是 n。</translation>
    </message>
    <message>
      <source>Forgetting the stride: divide by s.</source>
      <translation>忘了步幅：要除以 s。</translation>
    </message>
    <message>
      <source>{net}: the pooling layer {path} ({kind}, window {k}, stride {s}, padding {p}) gets a {n}×{n} map. What is the side of its output?</source>
      <translation>{net}：池化层 {path}（{kind}，窗口 {k}，步幅 {s}，填充 {p}）的输入为 {n}×{n}。输出的边长是多少？</translation>
    </message>
    <message>
      <source>The window and the stride both count.</source>
      <translation>窗口大小和步幅都要考虑。</translation>
    </message>
    <message>
      <source>{net}: one pixel after the layers {layers} sees how many input pixels along one side (its receptive field)?</source>
      <translation>{net}：经过 {layers} 之后的一个像素，在输入上一边能看到多少个像素（感受野）？</translation>
    </message>
    <message>
      <source>r ← r + (k − 1)·j, j ← j·s, starting at r = 1, j = 1: {steps}</source>
      <translation>r ← r + (k − 1)·j，j ← j·s，从 r = 1、j = 1 开始：{steps}</translation>
    </message>
    <message>
      <source>The last kernel alone is not the whole field.</source>
      <translation>只看最后一个卷积核不是整个感受野。</translation>
    </message>
    <message>
      <source>Adding the kernels overcounts the overlap.</source>
      <translation>把卷积核大小直接相加会重复计算重叠部分。</translation>
    </message>
    <message>
      <source>Strides multiply the step: later kernels see j pixels apart.</source>
      <translation>步幅会累乘：后面的卷积核每步跨 j 个像素。</translation>
    </message>
    <message>
      <source>VGG stacks {count} 3×3 convolutions ({c} channels in and out, no bias) instead of one {large}×{large} convolution with the same receptive field. How many weights do the {count} small ones have?</source>
      <translation>VGG 用 {count} 个堆叠的 3×3 卷积（输入输出都是 {c} 通道，无偏置）代替一个感受野相同的 {large}×{large} 卷积。这 {count} 个小卷积共有多少个权重？</translation>
    </message>
    <message>
      <source>{count}·(3·3·{c}·{c}) = {answer}; one {large}×{large} layer: {single}</source>
      <translation>{count}·(3·3·{c}·{c}) = {answer}；一个 {large}×{large} 卷积层：{single}</translation>
    </message>
    <message>
      <source>That is the single large kernel.</source>
      <translation>这是单个大卷积核的参数量。</translation>
    </message>
    <message>
      <source>Each kernel spans all C input channels.</source>
      <translation>每个卷积核覆盖全部 C 个输入通道。</translation>
    </message>
    <message>
      <source>That is one 3×3 layer, not the stack.</source>
      <translation>这只是一层 3×3，不是整个堆叠。</translation>
    </message>
    <message>
      <source>MobileNet: the depthwise layer {path} ({k}×{k}, {cin} channels) and the pointwise 1×1 layer after it ({cin} → {cout}) replace one standard {k}×{k} convolution. How many weights do the two have (no bias)?</source>
      <translation>MobileNet：深度卷积层 {path}（{k}×{k}，{cin} 通道）和其后的逐点 1×1 卷积（{cin} → {cout}）代替一个标准的 {k}×{k} 卷积。这两层共有多少个权重（无偏置）？</translation>
    </message>
    <message>
      <source>{k}·{k}·{cin} + {cin}·{cout} = {answer}; a standard convolution: {standard}</source>
      <translation>{k}·{k}·{cin} + {cin}·{cout} = {answer}；标准卷积：{standard}</translation>
    </message>
    <message>
      <source>The depthwise layer has one k×k filter per channel, not C×C.</source>
      <translation>深度卷积每个通道只有一个 k×k 卷积核，而不是 C×C 个。</translation>
    </message>
    <message>
      <source>That is the standard convolution.</source>
      <translation>这是标准卷积的参数量。</translation>
    </message>
    <message>
      <source>The pointwise layer's weights are missing.</source>
      <translation>漏掉了逐点卷积层的权重。</translation>
    </message>
    <message>
      <source>{net}: how many parameters has the fully connected layer {path} ({n_in} inputs, {n_out} outputs, with bias)?</source>
      <translation>{net}：全连接层 {path}（{n_in} 个输入，{n_out} 个输出，含偏置）有多少个参数？</translation>
    </message>
    <message>
      <source>{n_in}×{n_out} + {n_out} = {answer}</source>
      <translation>{n_in}×{n_out} + {n_out} = {answer}</translation>
    </message>
    <message>
      <source>Forgetting the bias: one more parameter per output unit.</source>
      <translation>忘了偏置：每个输出单元还有一个参数。</translation>
    </message>
    <message>
      <source>Every input connects to every output: multiply.</source>
      <translation>每个输入都连到每个输出：要相乘。</translation>
    </message>
    <message>
      <source>{net} reads grey {h}×{w} images. A batch of {batch} images enters the network as a tensor of which shape (PyTorch's order)?</source>
      <translation>{net} 读入 {h}×{w} 的灰度图像。一批 {batch} 张图像输入网络时，张量的形状是什么（PyTorch 的维度顺序）？</translation>
    </message>
    <message>
      <source>(batch, channels, height, width) = {answer}</source>
      <translation>(批次, 通道, 高, 宽) = {answer}</translation>
    </message>
    <message>
      <source>Channels come before height and width.</source>
      <translation>通道维在高和宽之前。</translation>
    </message>
    <message>
      <source>The batch dimension is missing.</source>
      <translation>缺少批次维。</translation>
    </message>
    <message>
      <source>The batch dimension comes first.</source>
      <translation>批次维在最前面。</translation>
    </message>
    <message>
      <source>{net}: the layers with weights have {listing} parameters. How many parameters has the whole network?</source>
      <translation>{net}：带权重的各层分别有 {listing} 个参数。整个网络共有多少个参数？</translation>
    </message>
    <message>
      <source>{listing} = {answer}</source>
      <translation>{listing} = {answer}</translation>
    </message>
    <message>
      <source>At a point x the data density is {pd} and the generator's density is {pg}. What does the best possible discriminator output there?</source>
      <translation>在点 x 处，真实数据的密度为 {pd}，生成器的密度为 {pg}。最优判别器在该点的输出是多少？</translation>
    </message>
    <message>
      <source>D*(x) = p_data / (p_data + p_g) = {pd} / ({pd} + {pg}) = {answer}</source>
      <translation>D*(x) = p_data / (p_data + p_g) = {pd} / ({pd} + {pg}) = {answer}</translation>
    </message>
    <message>
      <source>D gives the probability of real: p_data on top.</source>
      <translation>D 给出“为真”的概率：分子是 p_data。</translation>
    </message>
    <message>
      <source>Normalize by the sum of both densities.</source>
      <translation>要除以两个密度之和。</translation>
    </message>
    <message>
      <source>½ only where both densities are equal.</source>
      <translation>只有两个密度相等时才是 ½。</translation>
    </message>
    <message>
      <source>The discriminator outputs D(x) = {r} on a real sample and D(G(z)) = {f} on a generated one. What is its loss −ln D(x) − ln(1 − D(G(z)))? (three decimals)</source>
      <translation>判别器对真实样本输出 D(x) = {r}，对生成样本输出 D(G(z)) = {f}。它的损失 −ln D(x) − ln(1 − D(G(z))) 是多少？（保留三位小数）</translation>
    </message>
    <message>
      <source>−ln {r} − ln(1 − {f}) = {answer}; at the equilibrium (D = ½ everywhere) it is 2 ln 2 ≈ 1.386</source>
      <translation>−ln {r} − ln(1 − {f}) = {answer}；在均衡点（处处 D = ½）它等于 2 ln 2 ≈ 1.386</translation>
    </message>
    <message>
      <source>Early in training the discriminator rejects a generated sample: D(G(z)) = {f}. What is the generator's non-saturating loss −ln D(G(z))?</source>
      <translation>训练初期判别器能识破生成样本：D(G(z)) = {f}。生成器的非饱和损失 −ln D(G(z)) 是多少？</translation>
    </message>
    <message>
      <source>−ln {f} = {answer}, large and steep, while the minimax loss ln(1 − D) = {minimax} is almost flat there: the non-saturating loss still gives a gradient.</source>
      <translation>−ln {f} = {answer}，数值大且陡峭；而极小极大损失 ln(1 − D) = {minimax} 在这里几乎是平的：非饱和损失仍然能提供梯度。</translation>
    </message>
    <message>
      <source>That is the minimax loss ln(1 − D(G(z))), which saturates.</source>
      <translation>这是会饱和的极小极大损失 ln(1 − D(G(z)))。</translation>
    </message>
    <message>
      <source>The generator wants D(G(z)) large: −ln D(G(z)).</source>
      <translation>生成器希望 D(G(z)) 大：−ln D(G(z))。</translation>
    </message>
    <message>
      <source>A VAE encodes an image as a 1-D Gaussian with μ = {mu} and σ = {s}. What is its KL divergence to the prior N(0, 1)? (three decimals)</source>
      <translation>VAE 把一张图像编码成一维高斯分布，μ = {mu}，σ = {s}。它与先验 N(0, 1) 的 KL 散度是多少？（保留三位小数）</translation>
    </message>
    <message>
      <source>½(μ² + σ² − ln σ² − 1) = ½({mu}² + {s}² − ln {s}² − 1) = {answer}</source>
      <translation>½(μ² + σ² − ln σ² − 1) = ½({mu}² + {s}² − ln {s}² − 1) = {answer}</translation>
    </message>
    <message>
      <source>The reparameterization trick: the encoder gives μ = {mu} and log σ² = {lv}; the noise is ε = {e}. Which z goes to the decoder?</source>
      <translation>重参数化技巧：编码器给出 μ = {mu}，log σ² = {lv}；噪声 ε = {e}。送入解码器的 z 是多少？</translation>
    </message>
    <message>
      <source>σ = exp(½ log σ²) = {s}; z = μ + σ·ε = {mu} + {s}·{e} = {answer}</source>
      <translation>σ = exp(½ log σ²) = {s}；z = μ + σ·ε = {mu} + {s}·{e} = {answer}</translation>
    </message>
    <message>
      <source>log σ² is not σ.</source>
      <translation>log σ² 不是 σ。</translation>
    </message>
    <message>
      <source>z = μ + σ·ε: ε scales σ.</source>
      <translation>z = μ + σ·ε：ε 乘的是 σ。</translation>
    </message>
    <message>
      <source>σ² is the variance: use σ = exp(½ log σ²).</source>
      <translation>σ² 是方差：要用 σ = exp(½ log σ²)。</translation>
    </message>
    <message>
      <source>DCGAN's generator: the transposed convolution {path} (kernel {k}, stride {s}, padding {p}) gets a {n}×{n} map. What is the side of its output?</source>
      <translation>DCGAN 的生成器：转置卷积 {path}（卷积核 {k}，步幅 {s}，填充 {p}）的输入为 {n}×{n}。输出的边长是多少？</translation>
    </message>
    <message>
      <source>(n − 1)·s − 2p + k = ({n} − 1)·{s} − 2·{p} + {k} = {answer}</source>
      <translation>(n − 1)·s − 2p + k = ({n} − 1)·{s} − 2·{p} + {k} = {answer}</translation>
    </message>
    <message>
      <source>The padding is subtracted twice.</source>
      <translation>填充要减两次。</translation>
    </message>
    <message>
      <source>That is the ordinary convolution's formula; a transposed convolution enlarges.</source>
      <translation>这是普通卷积的公式；转置卷积会放大尺寸。</translation>
    </message>
    <message>
      <source>The generator's first layer is fully connected: it reads the noise z ({noise} numbers) and a one-hot label of {classes} classes, and gives {n_out} numbers (then reshaped to {c}×4×4). How many parameters has it (with bias)?</source>
      <translation>生成器的第一层是全连接层：输入噪声 z（{noise} 个数）和 {classes} 个类别的独热标签，输出 {n_out} 个数（再变形为 {c}×4×4）。这一层有多少个参数（含偏置）？</translation>
    </message>
    <message>
      <source>({n_in} + 1)×{n_out} = {answer}</source>
      <translation>({n_in} + 1)×{n_out} = {answer}</translation>
    </message>
    <message>
      <source>The one-hot label is part of the input too.</source>
      <translation>独热标签也是输入的一部分。</translation>
    </message>
    <message>
      <source>The generator's first layer is fully connected: it reads the noise z ({noise} numbers) and gives {n_out} numbers (then reshaped to {c}×4×4). How many parameters has it (with bias)?</source>
      <translation>生成器的第一层是全连接层：输入噪声 z（{noise} 个数），输出 {n_out} 个数（再变形为 {c}×4×4）。这一层有多少个参数（含偏置）？</translation>
    </message>
    <message>
      <source>The twin network embeds two images as a = {a} and b = {b}. What is their Euclidean distance?</source>
      <translation>孪生网络把两张图像嵌入为 a = {a} 和 b = {b}。它们的欧氏距离是多少？</translation>
    </message>
    <message>
      <source>√(Σ (a_i − b_i)²) = √{sq} = {answer}</source>
      <translation>√(Σ (a_i − b_i)²) = √{sq} = {answer}</translation>
    </message>
    <message>
      <source>Take the square root of the sum of squares.</source>
      <translation>要对平方和开平方。</translation>
    </message>
    <message>
      <source>That is the L1 (city-block) distance.</source>
      <translation>这是 L1（曼哈顿）距离。</translation>
    </message>
    <message>
      <source>Embeddings a = {a} and b = {b}: what is their cosine similarity? (three decimals)</source>
      <translation>嵌入向量 a = {a} 和 b = {b}：它们的余弦相似度是多少？（保留三位小数）</translation>
    </message>
    <message>
      <source>a·b / (‖a‖‖b‖) = {answer}; the cosine distance is 1 − {answer} = {distance}</source>
      <translation>a·b / (‖a‖‖b‖) = {answer}；余弦距离为 1 − {answer} = {distance}</translation>
    </message>
    <message>
      <source>Contrastive loss ½·y·d² + ½·(1 − y)·max(0, m − d)² with margin m = {m}: a positive pair (same class, y = 1) is at distance d = {d}. What is its loss?</source>
      <translation>对比损失 ½·y·d² + ½·(1 − y)·max(0, m − d)²，间隔 m = {m}：一个正样本对（同类，y = 1）的距离 d = {d}。它的损失是多少？</translation>
    </message>
    <message>
      <source>½·{d}² = {answer}</source>
      <translation>½·{d}² = {answer}</translation>
    </message>
    <message>
      <source>y = 1 for a positive pair pulls it together; y = 0 pushes a negative pair past the margin.</source>
      <translation>正样本对 y = 1，把它们拉近；负样本对 y = 0，把它们推到间隔之外。</translation>
    </message>
    <message>
      <source>The loss has a factor ½.</source>
      <translation>损失里有系数 ½。</translation>
    </message>
    <message>
      <source>Contrastive loss ½·y·d² + ½·(1 − y)·max(0, m − d)² with margin m = {m}: a negative pair (different classes, y = 0) is at distance d = {d}. What is its loss?</source>
      <translation>对比损失 ½·y·d² + ½·(1 − y)·max(0, m − d)²，间隔 m = {m}：一个负样本对（不同类，y = 0）的距离 d = {d}。它的损失是多少？</translation>
    </message>
    <message>
      <source>½·max(0, {m} − {d})² = {answer}</source>
      <translation>½·max(0, {m} − {d})² = {answer}</translation>
    </message>
    <message>
      <source>Triplet loss max(0, d(a, p) − d(a, n) + m) with margin m = {m}: the positive is {dap} from the anchor, the negative {dan}. What is the loss?</source>
      <translation>三元组损失 max(0, d(a, p) − d(a, n) + m)，间隔 m = {m}：正样本离锚点 {dap}，负样本离锚点 {dan}。损失是多少？</translation>
    </message>
    <message>
      <source>max(0, {dap} − {dan} + {m}) = {answer}</source>
      <translation>max(0, {dap} − {dan} + {m}) = {answer}</translation>
    </message>
    <message>
      <source>The positive's distance comes first.</source>
      <translation>正样本的距离在前。</translation>
    </message>
    <message>
      <source>The margin is added.</source>
      <translation>要加上间隔。</translation>
    </message>
    <message>
      <source>The loss is never negative: max(0, …).</source>
      <translation>损失不会为负：max(0, …)。</translation>
    </message>
    <message>
      <source>The teacher's logits for four classes are {z}. After softmax at temperature T = {t}, what is the probability of class {k} (the largest)? (three decimals)</source>
      <translation>教师模型对四个类别的 logits 为 {z}。在温度 T = {t} 下做 softmax 后，类别 {k}（最大的一个）的概率是多少？（保留三位小数）</translation>
    </message>
    <message>
      <source>softmax(z / T): e^({zk}/{t}) / Σ e^(z_j/{t}) = {answer} (at T = 1 it is {plain}: a higher T gives a softer target)</source>
      <translation>softmax(z / T)：e^({zk}/{t}) / Σ e^(z_j/{t}) = {answer}（T = 1 时为 {plain}：温度越高，软标签越平滑）</translation>
    </message>
    <message>
      <source>True or false: for the teacher's logits {z}, the soft targets at T = {a} are flatter (higher entropy) than at T = {b}.</source>
      <translation>判断：对教师模型的 logits {z}，T = {a} 时的软标签比 T = {b} 时更平滑（熵更大）。</translation>
    </message>
    <message>
      <source>entropy at T = {a}: {ha}; at T = {b}: {hb}. Dividing the logits by a larger T shrinks their differences, so the distribution flattens.</source>
      <translation>T = {a} 时熵为 {ha}；T = {b} 时为 {hb}。logits 除以更大的 T，差距变小，分布就更平滑。</translation>
    </message>
    <message>
      <source>Distillation with T = {t} and α = {a}: the KL divergence between the softened teacher and student outputs is {kl}, the student's cross-entropy with the hard label is {ce}. What is the total loss α·T²·KL + (1 − α)·CE?</source>
      <translation>蒸馏，T = {t}，α = {a}：软化后的教师输出与学生输出之间的 KL 散度为 {kl}，学生与硬标签的交叉熵为 {ce}。总损失 α·T²·KL + (1 − α)·CE 是多少？</translation>
    </message>
    <message>
      <source>{a}·{t}²·{kl} + (1 − {a})·{ce} = {answer}; T² keeps the soft term's gradients as large as at T = 1</source>
      <translation>{a}·{t}²·{kl} + (1 − {a})·{ce} = {answer}；乘以 T² 让软标签项的梯度与 T = 1 时同样大</translation>
    </message>
    <message>
      <source>The factor is T², not T.</source>
      <translation>系数是 T²，不是 T。</translation>
    </message>
    <message>
      <source>Forgetting T²: the soft gradients shrink by 1/T².</source>
      <translation>忘了 T²：软标签项的梯度会缩小为 1/T²。</translation>
    </message>
    <message>
      <source>The hard term is weighted by 1 − α.</source>
      <translation>硬标签项的权重是 1 − α。</translation>
    </message>
    <message>
      <source>The MLP on digits: how many parameters has its fully connected layer {path} ({n_in} inputs, {n_out} outputs, with bias)?</source>
      <translation>手写数字 MLP：全连接层 {path}（{n_in} 个输入，{n_out} 个输出，含偏置）有多少个参数？</translation>
    </message>
    <message>
      <source>An MLP with the layer sizes {sizes} (fully connected, with bias): how many parameters has it?</source>
      <translation>一个各层大小为 {sizes} 的 MLP（全连接，含偏置）：共有多少个参数？</translation>
    </message>
    <message>
      <source>What is {name}(x) for x = {x}? (three decimals)</source>
      <translation>x = {x} 时 {name}(x) 是多少？（保留三位小数）</translation>
    </message>
    <message>
      <source>{name}(x) = {formula} = {answer}</source>
      <translation>{name}(x) = {formula} = {answer}</translation>
    </message>
    <message>
      <source>The scores (logits) of three classes are {z}. After softmax, what is the probability of class {k}? (classes 0, 1, 2; three decimals)</source>
      <translation>三个类别的得分（logits）为 {z}。经过 softmax 后，类别 {k} 的概率是多少？（类别 0、1、2；保留三位小数）</translation>
    </message>
    <message>
      <source>p_k = e^(z_k) / Σ e^(z_j) = {answer}</source>
      <translation>p_k = e^(z_k) / Σ e^(z_j) = {answer}</translation>
    </message>
    <message>
      <source>Logits {z}, the true class is {k}. What is the cross-entropy loss (natural log; three decimals)?</source>
      <translation>logits 为 {z}，真实类别是 {k}。交叉熵损失是多少（自然对数；保留三位小数）？</translation>
    </message>
    <message>
      <source>−ln p_k = −ln {p} = {answer}</source>
      <translation>−ln p_k = −ln {p} = {answer}</translation>
    </message>
    <message>
      <source>True or false: two fully connected layers with no activation between them can be replaced by one fully connected layer.</source>
      <translation>判断：中间没有激活函数的两个全连接层可以用一个全连接层代替。</translation>
    </message>
    <message>
      <source>W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂): one linear layer. A ReLU in between bends the map, so no single layer gives the same outputs (checked on 64 random inputs).</source>
      <translation>W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂)：仍是一个线性层。中间加上 ReLU 会使映射弯折，没有哪个单层能给出相同的输出（在 64 个随机输入上验证）。</translation>
    </message>
    <message>
      <source>True or false: two fully connected layers with a ReLU between them can be replaced by one fully connected layer.</source>
      <translation>判断：中间有 ReLU 的两个全连接层可以用一个全连接层代替。</translation>
    </message>
    <message>
      <source>Plain SGD with learning rate {lr}: the weight is {w} and its gradient is {g}. What is the weight after one step?</source>
      <translation>普通 SGD，学习率 {lr}：权重为 {w}，梯度为 {g}。更新一步后权重是多少？</translation>
    </message>
    <message>
      <source>w − η·g = {w} − {lr}·{g} = {answer}</source>
      <translation>w − η·g = {w} − {lr}·{g} = {answer}</translation>
    </message>
    <message>
      <source>The step is scaled by the learning rate.</source>
      <translation>步长要乘以学习率。</translation>
    </message>
    <message>
      <source>Gradient descent goes against the gradient: subtract.</source>
      <translation>梯度下降沿梯度的反方向：要减去。</translation>
    </message>
    <message>
      <source>The step is η times the gradient, not η.</source>
      <translation>步长是 η 乘以梯度，而不是 η。</translation>
    </message>
    <message>
      <source>SGD with momentum {mu} and learning rate {lr} (PyTorch's form v ← μv + g, w ← w − ηv): w = {w}, the gradients of two steps are {g1} then {g2}. What is w after the second step? (three decimals)</source>
      <translation>带动量的 SGD，动量 {mu}，学习率 {lr}（PyTorch 的形式 v ← μv + g，w ← w − ηv）：w = {w}，两步的梯度依次为 {g1} 和 {g2}。第二步之后 w 是多少？（保留三位小数）</translation>
    </message>
    <message>
      <source>v₁ = {g1}, w₁ = {w1}; v₂ = {mu}·{g1} + {g2} = {v2}, w₂ = {w1} − {lr}·{v2} = {answer}</source>
      <translation>v₁ = {g1}，w₁ = {w1}；v₂ = {mu}·{g1} + {g2} = {v2}，w₂ = {w1} − {lr}·{v2} = {answer}</translation>
    </message>
    <message>
      <source>Momentum adds μ·v, not the full old gradient.</source>
      <translation>动量加的是 μ·v，而不是完整的旧梯度。</translation>
    </message>
    <message>
      <source>The second step also carries μ times the first velocity.</source>
      <translation>第二步还带着 μ 倍的第一步速度。</translation>
    </message>
    <message>
      <source>Adam (β₁ = 0.9, β₂ = 0.999, learning rate {lr}) makes its first step: w = {w}, gradient {g}. What is w after the step (with the bias correction)?</source>
      <translation>Adam（β₁ = 0.9，β₂ = 0.999，学习率 {lr}）进行第一步：w = {w}，梯度为 {g}。这一步之后 w 是多少（含偏差修正）？</translation>
    </message>
    <message>
      <source>m̂ = m/(1 − β₁) = g, v̂ = v/(1 − β₂) = g², so the step is η·g/|g| = η: w = {answer}, whatever the size of the gradient.</source>
      <translation>m̂ = m/(1 − β₁) = g，v̂ = v/(1 − β₂) = g²，所以步长为 η·g/|g| = η：w = {answer}，与梯度大小无关。</translation>
    </message>
    <message>
      <source>Without the bias correction m and v are too small at the start.</source>
      <translation>没有偏差修正时，开始阶段的 m 和 v 偏小。</translation>
    </message>
    <message>
      <source>That is plain SGD: Adam divides by √v̂.</source>
      <translation>这是普通 SGD：Adam 要除以 √v̂。</translation>
    </message>
    <message>
      <source>SGD with learning rate {lr} and L2 weight decay λ = {lam}: w = {w}, the loss gradient is {g}. What is w after one step? (four decimals)</source>
      <translation>SGD，学习率 {lr}，L2 权重衰减 λ = {lam}：w = {w}，损失的梯度为 {g}。更新一步后 w 是多少？（保留四位小数）</translation>
    </message>
    <message>
      <source>w − η(g + λw) = {w} − {lr}·({g} + {lam}·{w}) = {answer}</source>
      <translation>w − η(g + λw) = {w} − {lr}·({g} + {lam}·{w}) = {answer}</translation>
    </message>
    <message>
      <source>Dropout with p = {p} while training (PyTorch's inverted dropout): a unit with value {x} is kept. What value does it pass on?</source>
      <translation>训练时使用 p = {p} 的 Dropout（PyTorch 的反向 Dropout）：一个值为 {x} 的单元被保留。它向后传递的值是多少？</translation>
    </message>
    <message>
      <source>x / (1 − p) = {x} / (1 − {p}) = {answer}</source>
      <translation>x / (1 − p) = {x} / (1 − {p}) = {answer}</translation>
    </message>
    <message>
      <source>p is the chance to drop, not to keep.</source>
      <translation>p 是丢弃的概率，不是保留的概率。</translation>
    </message>
    <message>
      <source>Kept units are scaled so the expected sum stays the same.</source>
      <translation>保留的单元要放大，使期望总和不变。</translation>
    </message>
    <message>
      <source>Scaling by (1 − p) is done at test time in the original dropout; PyTorch divides while training instead.</source>
      <translation>原始 Dropout 在测试时乘以 (1 − p)；PyTorch 则在训练时除以 (1 − p)。</translation>
    </message>
    <message>
      <source>The sigmoid's slope is at most {best}. Through {n} sigmoid layers (weights 1), at most what factor of the gradient reaches the first layer?</source>
      <translation>sigmoid 的导数最大为 {best}。经过 {n} 层 sigmoid（权重为 1），传到第一层的梯度最多是原来的多少倍？</translation>
    </message>
    <message>
      <source>σ'(x) = σ(x)(1 − σ(x)) ≤ 0.25, so the product of {n} slopes is at most 0.25^{n} = {answer}: the gradient vanishes.</source>
      <translation>σ'(x) = σ(x)(1 − σ(x)) ≤ 0.25，所以 {n} 个导数的乘积最多为 0.25^{n} = {answer}：梯度消失。</translation>
    </message>
    <message>
      <source>The sigmoid's slope is at most 0.25, not 0.5.</source>
      <translation>sigmoid 的导数最大是 0.25，不是 0.5。</translation>
    </message>
    <message>
      <source>Each of the layers multiplies by its slope.</source>
      <translation>每一层都要乘以它的导数。</translation>
    </message>
    <message>
      <source>The chain rule multiplies the slopes, it does not add them.</source>
      <translation>链式法则是把导数相乘，而不是相加。</translation>
    </message>
    <message>
      <source>True or false: starting from zero velocity, the first step of SGD with momentum {mu} equals the first step of plain SGD.</source>
      <translation>判断：速度从 0 开始时，动量为 {mu} 的 SGD 第一步与普通 SGD 的第一步相同。</translation>
    </message>
    <message>
      <source>PyTorch sets v₁ = g on the first step, so both move w by η·g ({w} → {answer}); momentum only changes later steps.</source>
      <translation>PyTorch 在第一步令 v₁ = g，所以两者都把 w 移动 η·g（{w} → {answer}）；动量只影响之后的步骤。</translation>
    </message>
    <message>
      <source>A one-layer {name} cell (PyTorch's layout: two bias vectors) reads {n_in} inputs and has {hidden} hidden units. How many parameters has it?</source>
      <translation>一个单层 {name} 单元（PyTorch 的结构：两个偏置向量）输入 {n_in} 维，有 {hidden} 个隐藏单元。共有多少个参数？</translation>
    </message>
    <message>
      <source>{g} × ({hidden}·({n_in} + {hidden}) + 2·{hidden}) = {answer}</source>
      <translation>{g} × ({hidden}·({n_in} + {hidden}) + 2·{hidden}) = {answer}</translation>
    </message>
    <message>
      <source>PyTorch keeps two bias vectors (b_ih and b_hh).</source>
      <translation>PyTorch 有两个偏置向量（b_ih 和 b_hh）。</translation>
    </message>
    <message>
      <source>The biases are missing.</source>
      <translation>漏掉了偏置。</translation>
    </message>
    <message>
      <source>Count the gates: LSTM 4, GRU 3, plain RNN 1.</source>
      <translation>数一数门：LSTM 4 个，GRU 3 个，普通 RNN 1 个。</translation>
    </message>
    <message>
      <source>An LSTM step: forget gate f = {f}, input gate i = {i}, candidate g = {g}, old cell state c = {c}. What is the new cell state? (three decimals)</source>
      <translation>LSTM 的一步：遗忘门 f = {f}，输入门 i = {i}，候选值 g = {g}，旧细胞状态 c = {c}。新的细胞状态是多少？（保留三位小数）</translation>
    </message>
    <message>
      <source>c_t = f·c_(t−1) + i·g = {f}·{c} + {i}·{g} = {answer}</source>
      <translation>c_t = f·c_(t−1) + i·g = {f}·{c} + {i}·{g} = {answer}</translation>
    </message>
    <message>
      <source>The input gate adds i·g.</source>
      <translation>输入门还要加上 i·g。</translation>
    </message>
    <message>
      <source>The two terms are added, not multiplied.</source>
      <translation>两项是相加，不是相乘。</translation>
    </message>
    <message>
      <source>The forget gate scales the old state, the input gate the candidate.</source>
      <translation>遗忘门作用于旧状态，输入门作用于候选值。</translation>
    </message>
    <message>
      <source>One hidden unit: gate {gate} = σ(w·x + u·h + b) with w = {w}, x = {x}, u = {u}, h = {h}, b = {b}. What is the gate's value? (three decimals)</source>
      <translation>一个隐藏单元：门 {gate} = σ(w·x + u·h + b)，w = {w}，x = {x}，u = {u}，h = {h}，b = {b}。门的值是多少？（保留三位小数）</translation>
    </message>
    <message>
      <source>σ({pre}) = 1 / (1 + exp(−({pre}))) = {answer}</source>
      <translation>σ({pre}) = 1 / (1 + exp(−({pre}))) = {answer}</translation>
    </message>
    <message>
      <source>A gate squashes its input with the sigmoid.</source>
      <translation>门要用 sigmoid 压缩输入。</translation>
    </message>
    <message>
      <source>Gates use the sigmoid (0 … 1), not tanh.</source>
      <translation>门用的是 sigmoid（0 … 1），不是 tanh。</translation>
    </message>
    <message>
      <source>An LSTM's output gate is o = {o} and its new cell state c = {c}. What is the hidden state h? (three decimals)</source>
      <translation>LSTM 的输出门 o = {o}，新的细胞状态 c = {c}。隐藏状态 h 是多少？（保留三位小数）</translation>
    </message>
    <message>
      <source>h = o·tanh(c) = {o}·tanh({c}) = {answer}</source>
      <translation>h = o·tanh(c) = {o}·tanh({c}) = {answer}</translation>
    </message>
    <message>
      <source>The cell state passes through tanh first.</source>
      <translation>细胞状态要先经过 tanh。</translation>
    </message>
    <message>
      <source>tanh applies to c, then o scales it.</source>
      <translation>tanh 作用于 c，然后再乘以 o。</translation>
    </message>
    <message>
      <source>True or false: when an LSTM's output gate is o = 0, its hidden state is 0 whatever the cell state.</source>
      <translation>判断：LSTM 的输出门 o = 0 时，无论细胞状态如何，隐藏状态都为 0。</translation>
    </message>
    <message>
      <source>c_t = f·c_(t−1) + i·g and h_t = o·tanh(c_t): put in the gate values and compare (checked on 32 random states).</source>
      <translation>c_t = f·c_(t−1) + i·g，h_t = o·tanh(c_t)：代入门的值再比较（在 32 个随机状态上验证）。</translation>
    </message>
    <message>
      <source>True or false: an LSTM with forget gate f = 1 and input gate i = 0 keeps its cell state unchanged.</source>
      <translation>判断：LSTM 的遗忘门 f = 1、输入门 i = 0 时，细胞状态保持不变。</translation>
    </message>
    <message>
      <source>True or false: an LSTM with forget gate f = 0 and input gate i = 1 keeps its cell state unchanged.</source>
      <translation>判断：LSTM 的遗忘门 f = 0、输入门 i = 1 时，细胞状态保持不变。</translation>
    </message>
    <message>
      <source>True or false: a GRU with update gate z = 1 keeps its hidden state unchanged (PyTorch's convention h = (1 − z)·n + z·h).</source>
      <translation>判断：GRU 的更新门 z = 1 时，隐藏状态保持不变（PyTorch 的约定 h = (1 − z)·n + z·h）。</translation>
    </message>
    <message>
      <source>h_t = (1 − z)·n + z·h_(t−1): put in z and compare (checked on 32 random states).</source>
      <translation>h_t = (1 − z)·n + z·h_(t−1)：代入 z 再比较（在 32 个随机状态上验证）。</translation>
    </message>
    <message>
      <source>True or false: a GRU with update gate z = 0 keeps its hidden state unchanged (PyTorch's convention h = (1 − z)·n + z·h).</source>
      <translation>判断：GRU 的更新门 z = 0 时，隐藏状态保持不变（PyTorch 的约定 h = (1 − z)·n + z·h）。</translation>
    </message>
    <message>
      <source>In a plain RNN each step back in time multiplies the gradient by about {factor}. What fraction is left after {steps} steps? (scientific notation is fine)</source>
      <translation>在普通 RNN 中，每沿时间向后传一步，梯度约乘以 {factor}。经过 {steps} 步后还剩多少比例？（可用科学计数法）</translation>
    </message>
    <message>
      <source>{factor}^{steps} = {answer}: the gradient vanishes, so a plain RNN learns only short dependencies; the LSTM's cell state (f ≈ 1) carries it further.</source>
      <translation>{factor}^{steps} = {answer}：梯度消失，所以普通 RNN 只能学到短期依赖；LSTM 的细胞状态（f ≈ 1）能把梯度传得更远。</translation>
    </message>
    <message>
      <source>Each step multiplies by the factor again.</source>
      <translation>每一步都要再乘一次这个因子。</translation>
    </message>
    <message>
      <source>The factors multiply, they do not add.</source>
      <translation>各因子相乘，而不是相加。</translation>
    </message>
    <message>
      <source>A plain RNN with one hidden unit: h_t = tanh(w·x_t + u·h_(t−1) + b) with w = {w}, x_t = {x}, u = {u}, h_(t−1) = {h}, b = {b}. What is h_t? (three decimals)</source>
      <translation>只有一个隐藏单元的普通 RNN：h_t = tanh(w·x_t + u·h_(t−1) + b)，w = {w}，x_t = {x}，u = {u}，h_(t−1) = {h}，b = {b}。h_t 是多少？（保留三位小数）</translation>
    </message>
    <message>
      <source>tanh({w}·{x} + {u}·{h} + {b}) = tanh({pre}) = {answer}</source>
      <translation>tanh({w}·{x} + {u}·{h} + {b}) = tanh({pre}) = {answer}</translation>
    </message>
    <message>
      <source>The sum passes through tanh.</source>
      <translation>加权和还要经过 tanh。</translation>
    </message>
    <message>
      <source>A plain RNN uses tanh, not the sigmoid.</source>
      <translation>普通 RNN 用的是 tanh，不是 sigmoid。</translation>
    </message>
    <message>
      <source>The previous hidden state counts too: u·h_(t−1).</source>
      <translation>上一时刻的隐藏状态也要算：u·h_(t−1)。</translation>
    </message>
    <message>
      <source>A {n}×{n} input, a {k}×{k} kernel, stride {s}, padding {p}: what is the side of the output?</source>
      <translation>输入 {n}×{n}，卷积核 {k}×{k}，步幅 {s}，填充 {p}：输出的边长是多少？</translation>
    </message>
    <message>
      <source>A {k}×{k} convolution from {cin} to {cout} channels, with bias: how many parameters?</source>
      <translation>一个 {k}×{k} 卷积，从 {cin} 通道到 {cout} 通道，含偏置：有多少个参数？</translation>
    </message>
    <message>
      <source>Max pooling with a {k}×{k} window and stride {s} on a {n}×{n} map (no padding, PyTorch's default rounding): what is the side of the output?</source>
      <translation>在 {n}×{n} 的特征图上做最大池化，窗口 {k}×{k}，步幅 {s}（无填充，PyTorch 默认的取整方式）：输出的边长是多少？</translation>
    </message>
    <message>
      <source>⌊({n} − {k}) / {s}⌋ + 1 = {answer}</source>
      <translation>⌊({n} − {k}) / {s}⌋ + 1 = {answer}</translation>
    </message>
    <message>
      <source>Dividing n by the stride ignores the window.</source>
      <translation>直接用 n 除以步幅忽略了窗口大小。</translation>
    </message>
    <message>
      <source>Stride 1 and a {k}×{k} kernel on a {n}×{n} input: which padding p keeps the output {n}×{n} (a "same" convolution)?</source>
      <translation>步幅 1，卷积核 {k}×{k}，输入 {n}×{n}：填充 p 为多少时输出仍为 {n}×{n}（same 卷积）？</translation>
    </message>
    <message>
      <source>n + 2p − k + 1 = n ⇒ p = (k − 1) / 2 = {answer}</source>
      <translation>n + 2p − k + 1 = n ⇒ p = (k − 1) / 2 = {answer}</translation>
    </message>
    <message>
      <source>p = (k − 1) / 2, not more.</source>
      <translation>p = (k − 1) / 2，不能更多。</translation>
    </message>
    <message>
      <source>k − 1 is the total padding of both sides.</source>
      <translation>k − 1 是两侧填充的总和。</translation>
    </message>
    <message>
      <source>Without padding the output shrinks by k − 1.</source>
      <translation>不填充时输出会缩小 k − 1。</translation>
    </message>
    <message>
      <source>Layers {layers} are stacked (kernel/stride). What is the receptive field of one output pixel (pixels along one side)?</source>
      <translation>堆叠的层为 {layers}（卷积核/步幅）。一个输出像素的感受野是多少（一边的像素数）？</translation>
    </message>
    <message>
      <source>A depthwise-separable convolution (3×3 depthwise on {cin} channels, then 1×1 to {cout}) instead of a standard 3×3 convolution: what fraction of the weights is left (no bias)?</source>
      <translation>用深度可分离卷积（在 {cin} 个通道上做 3×3 深度卷积，再用 1×1 卷积到 {cout} 通道）代替标准 3×3 卷积：权重只剩原来的多少（无偏置）？</translation>
    </message>
    <message>
      <source>(9·{cin} + {cin}·{cout}) / (9·{cin}·{cout}) = 1/{cout} + 1/9 = {answer}</source>
      <translation>(9·{cin} + {cin}·{cout}) / (9·{cin}·{cout}) = 1/{cout} + 1/9 = {answer}</translation>
    </message>
    <message>
      <source>The pointwise layer's weights count too (+1/C_out).</source>
      <translation>逐点卷积的权重也要算（+1/C_out）。</translation>
    </message>
    <message>
      <source>The depthwise layer's weights count too (+1/k²).</source>
      <translation>深度卷积的权重也要算（+1/k²）。</translation>
    </message>
    <message>
      <source>The ratio is 1/C_out + 1/k², not 1/k.</source>
      <translation>比例是 1/C_out + 1/k²，不是 1/k。</translation>
    </message>
    <message>
      <source>Boxes as (x1, y1, x2, y2): A = {a}, B = {b}. What is their IoU?</source>
      <translation>框用 (x1, y1, x2, y2) 表示：A = {a}，B = {b}。它们的 IoU 是多少？</translation>
    </message>
    <message>
      <source>intersection {w}×{h} = {inter}; union {area_a} + {area_b} − {inter} = {union}; IoU = {inter}/{union} = {answer}</source>
      <translation>交集 {w}×{h} = {inter}；并集 {area_a} + {area_b} − {inter} = {union}；IoU = {inter}/{union} = {answer}</translation>
    </message>
    <message>
      <source>The union counts the overlap once: subtract it.</source>
      <translation>并集只计算一次重叠部分：要减去交集。</translation>
    </message>
    <message>
      <source>Corner coordinates: the width is x2 − x1, no +1.</source>
      <translation>用角点坐标时宽度是 x2 − x1，不用 +1。</translation>
    </message>
    <message>
      <source>Divide by the union, not the smaller box.</source>
      <translation>要除以并集，而不是较小的框。</translation>
    </message>
    <message>
      <source>Boxes {listing}. Which boxes survive non-maximum suppression at IoU threshold {t}?</source>
      <translation>候选框 {listing}。在 IoU 阈值 {t} 下做非极大值抑制后，保留哪些框？</translation>
    </message>
    <message>
      <source>Keep the best box left, drop the boxes overlapping it by more than {t}, repeat. {pairs}</source>
      <translation>保留剩下得分最高的框，去掉与它 IoU 超过 {t} 的框，重复。{pairs}</translation>
    </message>
    <message>
      <source>Start from the highest score, not the lowest.</source>
      <translation>要从得分最高的框开始，而不是最低的。</translation>
    </message>
    <message>
      <source>Overlapping boxes above the threshold are removed.</source>
      <translation>重叠超过阈值的框会被去掉。</translation>
    </message>
    <message>
      <source>Only boxes that overlap a kept box are dropped.</source>
      <translation>只有与保留框重叠的框才会被去掉。</translation>
    </message>
    <message>
      <source>The detector's feature map is {f}×{f}; every cell has an anchor for each of the sizes {sizes} and each of the ratios {ratios}. How many anchors are there?</source>
      <translation>检测器的特征图为 {f}×{f}；每个格子对尺寸 {sizes} 和宽高比 {ratios} 的每种组合各有一个锚框。一共有多少个锚框？</translation>
    </message>
    <message>
      <source>{f}·{f} cells × ({n_sizes} sizes × {n_ratios} ratios) = {f2} × {per} = {answer}</source>
      <translation>{f}·{f} 个格子 × （{n_sizes} 种尺寸 × {n_ratios} 种宽高比）= {f2} × {per} = {answer}</translation>
    </message>
    <message>
      <source>Every cell has several anchors.</source>
      <translation>每个格子有多个锚框。</translation>
    </message>
    <message>
      <source>Every cell of the feature map has its anchors.</source>
      <translation>特征图的每个格子都有自己的锚框。</translation>
    </message>
    <message>
      <source>Each size is combined with each ratio: multiply.</source>
      <translation>每种尺寸与每种宽高比组合：要相乘。</translation>
    </message>
    <message>
      <source>YOLO (v1) cuts the image into {s}×{s} cells; each predicts {b} boxes (x, y, w, h, confidence) and {c} class probabilities. How many numbers does the network output?</source>
      <translation>YOLO（v1）把图像划分为 {s}×{s} 个网格；每个网格预测 {b} 个边框（x、y、w、h、置信度）和 {c} 个类别概率。网络一共输出多少个数？</translation>
    </message>
    <message>
      <source>{s}·{s}·({b}·5 + {c}) = {answer}</source>
      <translation>{s}·{s}·({b}·5 + {c}) = {answer}</translation>
    </message>
    <message>
      <source>Each box has a confidence too: 5 numbers.</source>
      <translation>每个边框还有置信度：共 5 个数。</translation>
    </message>
    <message>
      <source>That is the number of boxes, not of outputs.</source>
      <translation>这是边框的个数，不是输出数的个数。</translation>
    </message>
    <message>
      <source>YOLO v1 predicts the classes once per cell, not per box.</source>
      <translation>YOLO v1 每个网格只预测一次类别，而不是每个边框各一次。</translation>
    </message>
    <message>
      <source>The FCN's transposed convolution {path} (kernel {k}, stride {s}, padding {p}) gets a {n}×{n} map. What is the side of its output?</source>
      <translation>FCN 的转置卷积 {path}（卷积核 {k}，步幅 {s}，填充 {p}）的输入为 {n}×{n}。输出的边长是多少？</translation>
    </message>
    <message>
      <source>Start from (n − 1)·s, then subtract the padding twice.</source>
      <translation>从 (n − 1)·s 开始，再减去两倍的填充。</translation>
    </message>
    <message>
      <source>Two 4×4 masks of one class (rows separated by /): true {t}, predicted {p}. What is the IoU of the class?</source>
      <translation>某一类别的两个 4×4 掩码（各行用 / 分隔）：真实 {t}，预测 {p}。该类别的 IoU 是多少？</translation>
    </message>
    <message>
      <source>pixels in both {inter}, in either {union}: IoU = {inter}/{union} = {answer}</source>
      <translation>两者都有的像素 {inter} 个，至少一个有的 {union} 个：IoU = {inter}/{union} = {answer}</translation>
    </message>
    <message>
      <source>That is the pixel accuracy (all 16 pixels), not the IoU.</source>
      <translation>这是像素准确率（全部 16 个像素），不是 IoU。</translation>
    </message>
    <message>
      <source>That is the Dice score.</source>
      <translation>这是 Dice 系数。</translation>
    </message>
    <message>
      <source>Divide by the union, not by the true mask.</source>
      <translation>要除以并集，而不是真实掩码。</translation>
    </message>
    <message>
      <source>A proposal runs from x = {x0} to x = {x1} px; the feature map has stride {s}. Across how many feature cells does RoI pooling (output {k}×{k}) take its maxima?</source>
      <translation>一个候选框从 x = {x0} 到 x = {x1} 像素，特征图步幅为 {s}。RoI 池化（输出 {k}×{k}）在横向上覆盖多少个特征格并在其中取最大值？</translation>
    </message>
    <message>
      <source>round({x0}/{s}) = {first}, round({x1}/{s}) = {last}; both end cells count: {last} − {first} + 1 = {answer}</source>
      <translation>round({x0}/{s}) = {first}，round({x1}/{s}) = {last}；两端的格子都算在内：{last} − {first} + 1 = {answer}</translation>
    </message>
    <message>
      <source>RoI pooling includes both end cells: add 1.</source>
      <translation>RoI 池化包含两端的格子：要加 1。</translation>
    </message>
    <message>
      <source>k is the number of bins, not of cells the region covers.</source>
      <translation>k 是分块数，不是区域覆盖的格子数。</translation>
    </message>
    <message>
      <source>RoI pooling rounds the region to whole cells; RoI Align keeps the fraction.</source>
      <translation>RoI 池化把区域取整到整格；保留小数部分的是 RoI Align。</translation>
    </message>
    <message>
      <source>At step {step}, hidden unit {unit} (counting from the top) of the first hidden layer has weights w = {w} on the inputs {names} and bias b = {b}; its activation is {act}. For the training point with inputs {x}, what is the unit's output?</source>
      <translation>第 {step} 步时，第一隐藏层的第 {unit} 个神经元（从上往下数）对输入 {names} 的权重为 w = {w}，偏置 b = {b}，激活函数为 {act}。对输入为 {x} 的训练点，该神经元的输出是多少？</translation>
    </message>
    <message>
      <source>z = w·x + b = {terms} + {b} = {z}; {act}({z}) = {answer}</source>
      <translation>z = w·x + b = {terms} + {b} = {z}；{act}({z}) = {answer}</translation>
    </message>
    <message>
      <source>At step {step} plain SGD (η = {lr}) on the {surface} surface was at θ = {theta}, where the gradient is g = {g}. Where is it after its step?</source>
      <translation>第 {step} 步时，普通 SGD（η = {lr}）在 {surface} 曲面上位于 θ = {theta}，该处梯度为 g = {g}。更新一步后它在哪里？</translation>
    </message>
    <message>
      <source>θ − η·g = {theta} − {lr}·{g} = {answer}</source>
      <translation>θ − η·g = {theta} − {lr}·{g} = {answer}</translation>
    </message>
    <message>
      <source>At step {step} the network's softmax gives the shown image p({a}) = {pa} and p({b}) = {pb}. By how much does the logit z_{a} exceed z_{b}?</source>
      <translation>第 {step} 步时，网络的 softmax 对所示图像给出 p({a}) = {pa}，p({b}) = {pb}。logit z_{a} 比 z_{b} 大多少？</translation>
    </message>
    <message>
      <source>p_a / p_b = e^(z_a − z_b), so z_a − z_b = ln({pa} / {pb}) = {answer}</source>
      <translation>p_a / p_b = e^(z_a − z_b)，所以 z_a − z_b = ln({pa} / {pb}) = {answer}</translation>
    </message>
    <message>
      <source>At step {step}, in the shown image, the class {name} covers {t} pixels of the true mask and {p} of the predicted mask; {both} pixels are in both. What is the class's IoU in this image?</source>
      <translation>第 {step} 步时，在所示图像中，类别 {name} 在真实掩码中占 {t} 个像素，在预测掩码中占 {p} 个像素，两者共有 {both} 个像素。该类别在这幅图像上的 IoU 是多少？</translation>
    </message>
    <message>
      <source>IoU = both / (true + predicted − both) = {both} / ({t} + {p} − {both}) = {answer}</source>
      <translation>IoU = 交集 / (真实 + 预测 − 交集) = {both} / ({t} + {p} − {both}) = {answer}</translation>
    </message>
    <message>
      <source>At step {step} the detector keeps the box {a} (x1, y1, x2, y2) for the ground-truth box {b}. What is their IoU?</source>
      <translation>第 {step} 步时，检测器为真实框 {b} 保留了预测框 {a}（x1, y1, x2, y2）。它们的 IoU 是多少？</translation>
    </message>
    <message>
      <source>intersection {inter}; union {area_a} + {area_b} − {inter}; IoU = {answer}</source>
      <translation>交集 {inter}；并集 {area_a} + {area_b} − {inter}；IoU = {answer}</translation>
    </message>
    <message>
      <source>At step {step}, the GRU's unit {u} at time t = {t} of the shown sequence has update gate z = {z}, candidate n = {n} and previous hidden state h = {h}. What is its new hidden state (PyTorch's convention)?</source>
      <translation>第 {step} 步时，GRU 的第 {u} 个单元在所示序列的时刻 t = {t}：更新门 z = {z}，候选状态 n = {n}，上一隐藏状态 h = {h}。它的新隐藏状态是多少（PyTorch 的约定）？</translation>
    </message>
    <message>
      <source>h_t = (1 − z)·n + z·h_(t−1) = (1 − {z})·{n} + {z}·{h} = {answer}</source>
      <translation>h_t = (1 − z)·n + z·h_(t−1) = (1 − {z})·{n} + {z}·{h} = {answer}</translation>
    </message>
    <message>
      <source>At step {step}, the {cell} unit {u} at time t = {t} of the shown sequence has the pre-activation {a} for {name}. What is the value of {name}?</source>
      <translation>第 {step} 步时，{cell} 的第 {u} 个单元在所示序列的时刻 t = {t}，{name} 的激活前输入为 {a}。{name} 的值是多少？</translation>
    </message>
    <message>
      <source>{name} = {squash}({a}) = {answer}</source>
      <translation>{name} = {squash}({a}) = {answer}</translation>
    </message>
    <message>
      <source>Row {i} (the query) of the map, column {j} (the key): {answer}; each row sums to 1.</source>
      <translation>注意力图的第 {i} 行（查询）、第 {j} 列（键）：{answer}；每一行之和为 1。</translation>
    </message>
    <message>
      <source>At step {step}, at x = {x} the data's density is p_data = {pd} and the generator's is p_g = {pg}. What does the optimal discriminator D* output there?</source>
      <translation>第 {step} 步时，在 x = {x} 处数据的密度为 p_data = {pd}，生成器的密度为 p_g = {pg}。最优判别器 D* 在这里输出多少？</translation>
    </message>
    <message>
      <source>At step {step}, after the softmax at T = {t}, what probability does the distilled student give the shown digit's class {c}?</source>
      <translation>第 {step} 步时，经温度 T = {t} 的 softmax 后，蒸馏得到的学生网络给所示数字的类别 {c} 的概率是多少？</translation>
    </message>
    <message>
      <source>softmax(z / T) of the student's logits, class {c}: {answer}</source>
      <translation>学生网络 logits 的 softmax(z / T)，类别 {c}：{answer}</translation>
    </message>
    <message>
      <source>That is z = w·x + b before the activation.</source>
      <translation>那是激活之前的 z = w·x + b。</translation>
    </message>
    <message>
      <source>The bias b is added before the activation.</source>
      <translation>偏置 b 要在激活之前加上。</translation>
    </message>
    <message>
      <source>Check the signs of the products w·x.</source>
      <translation>检查乘积 w·x 的符号。</translation>
    </message>
    <message>
      <source>SGD steps against the gradient: θ − η·g.</source>
      <translation>SGD 沿梯度的反方向走：θ − η·g。</translation>
    </message>
    <message>
      <source>The gradient is scaled by the learning rate η.</source>
      <translation>梯度要乘以学习率 η。</translation>
    </message>
    <message>
      <source>The step changes θ by −η·g.</source>
      <translation>这一步让 θ 改变 −η·g。</translation>
    </message>
    <message>
      <source>Probabilities are not logits: take the log of their ratio.</source>
      <translation>概率不是 logit：要取它们之比的对数。</translation>
    </message>
    <message>
      <source>The ratio of the probabilities is e^(z_a − z_b): take its logarithm.</source>
      <translation>概率之比是 e^(z_a − z_b)：要再取对数。</translation>
    </message>
    <message>
      <source>Softmax uses e: the natural logarithm.</source>
      <translation>softmax 用的是 e：应取自然对数。</translation>
    </message>
    <message>
      <source>At step {step}, the LSTM's unit {u} at time t = {t} of the shown sequence has forget gate f = {f}, input gate i = {i}, candidate g = {g} and previous cell state c = {c}. What is its new cell state?</source>
      <translation>第 {step} 步时，LSTM 的第 {u} 个单元在所示序列的时刻 t = {t}：遗忘门 f = {f}，输入门 i = {i}，候选值 g = {g}，上一细胞状态 c = {c}。它的新细胞状态是多少？</translation>
    </message>
    <message>
      <source>PyTorch's convention: z keeps the old state, h = (1 − z)·n + z·h.</source>
      <translation>PyTorch 的约定：z 保留旧状态，h = (1 − z)·n + z·h。</translation>
    </message>
    <message>
      <source>The update gate mixes in the old state.</source>
      <translation>更新门会混入旧状态。</translation>
    </message>
    <message>
      <source>The term z·h_(t−1) is missing.</source>
      <translation>漏掉了 z·h_(t−1) 这一项。</translation>
    </message>
    <message>
      <source>Gates use the sigmoid (0 … 1); the candidate and the plain RNN's state use tanh.</source>
      <translation>门使用 sigmoid（0 … 1）；候选值和普通 RNN 的状态使用 tanh。</translation>
    </message>
    <message>
      <source>The pre-activation still goes through the squashing function.</source>
      <translation>激活前的值还要经过压缩函数。</translation>
    </message>
    <message>
      <source>Compute the function itself, not its complement.</source>
      <translation>计算函数本身，而不是 1 减去它。</translation>
    </message>
    <message>
      <source>The weights are not uniform: read the cell of the map.</source>
      <translation>权重并不均匀：请读出图中对应格子的值。</translation>
    </message>
    <message>
      <source>D* is the share of the data's density: p_data on top.</source>
      <translation>D* 是数据密度所占的比例：分子是 p_data。</translation>
    </message>
    <message>
      <source>That is the discriminator trained so far, not the optimal one.</source>
      <translation>那是目前训练出的判别器，不是最优判别器。</translation>
    </message>
    <message>
      <source>D* = ½ only where the generator matches the data.</source>
      <translation>只有在生成器与数据一致的地方 D* 才等于 ½。</translation>
    </message>
    <message>
      <source>A same pair is pulled together (½d²), a different pair pushed to the margin (½·max(0, m − d)²).</source>
      <translation>同类对被拉近（½d²），异类对被推到间隔之外（½·max(0, m − d)²）。</translation>
    </message>
    <message>
      <source>The distance (or the gap to the margin) is squared.</source>
      <translation>距离（或与间隔的差）要平方。</translation>
    </message>
    <message>
      <source>That is the teacher's soft target, not the student's output.</source>
      <translation>那是教师网络的软目标，不是学生网络的输出。</translation>
    </message>
    <message>
      <source>That is the student trained on hard labels only.</source>
      <translation>那是只用硬标签训练的学生网络。</translation>
    </message>
    <message>
      <source>Only a very high temperature makes it uniform.</source>
      <translation>只有非常高的温度才会让它变得均匀。</translation>
    </message>
    <message>
      <source>Rows are the queries, columns the keys: this is the weight the other way round.</source>
      <translation>行是查询，列是键：这是反方向的权重。</translation>
    </message>
    <message>
      <source>That is another head's weight.</source>
      <translation>那是另一个注意力头的权重。</translation>
    </message>
    <message>
      <source>That is the next query's weight.</source>
      <translation>那是下一个查询的权重。</translation>
    </message>
    <message>
      <source>At step {step}, in the encoder's self-attention (layer {layer}, head {head}) of the shown sample, what weight does the query token '{q}' (position {i}) give to the key token '{k}' (position {j})?</source>
      <translation>第 {step} 步时，在所示样本的编码器自注意力（第 {layer} 层，第 {head} 个头）中，查询词元“{q}”（位置 {i}）给键词元“{k}”（位置 {j}）的权重是多少？</translation>
    </message>
    <message>
      <source>At step {step}, in the decoder's masked self-attention (layer {layer}, head {head}) of the shown sample, what weight does the query token '{q}' (position {i}) give to the key token '{k}' (position {j})?</source>
      <translation>第 {step} 步时，在所示样本的解码器掩码自注意力（第 {layer} 层，第 {head} 个头）中，查询词元“{q}”（位置 {i}）给键词元“{k}”（位置 {j}）的权重是多少？</translation>
    </message>
    <message>
      <source>At step {step}, in the cross-attention (layer {layer}, head {head}) of the shown sample, what weight does the query token '{q}' (position {i}) give to the key token '{k}' (position {j})?</source>
      <translation>第 {step} 步时，在所示样本的交叉注意力（第 {layer} 层，第 {head} 个头）中，查询词元“{q}”（位置 {i}）给键词元“{k}”（位置 {j}）的权重是多少？</translation>
    </message>
    <message>
      <source>At step {step}, in the attention matrix of the shown sample, what weight does the output '{q}' (row {i}) give to the input '{k}' (column {j})?</source>
      <translation>第 {step} 步时，在所示样本的注意力矩阵中，输出“{q}”（第 {i} 行）给输入“{k}”（第 {j} 列）的权重是多少？</translation>
    </message>
    <message>
      <source>At step {step} the shown pair ({a} and {b}: the same digit) is at distance d = {d}; the margin is m = {m}. What is the pair's contrastive loss?</source>
      <translation>第 {step} 步时，所示的一对样本（{a} 和 {b}：同一数字）的距离为 d = {d}，间隔为 m = {m}。这对样本的对比损失是多少？</translation>
    </message>
    <message>
      <source>At step {step} the shown pair ({a} and {b}: different digits) is at distance d = {d}; the margin is m = {m}. What is the pair's contrastive loss?</source>
      <translation>第 {step} 步时，所示的一对样本（{a} 和 {b}：不同数字）的距离为 d = {d}，间隔为 m = {m}。这对样本的对比损失是多少？</translation>
    </message>
    <message>
      <source>½·d² = ½·{d}² = {answer}</source>
      <translation>½·d² = ½·{d}² = {answer}</translation>
    </message>
    <message>
      <source>½·max(0, m − d)² = ½·max(0, {m} − {d})² = {answer}</source>
      <translation>½·max(0, m − d)² = ½·max(0, {m} − {d})² = {answer}</translation>
    </message>
    <message>
      <source>That is the other generator loss: minimax log(1 − D), non-saturating −log D.</source>
      <translation>那是另一种生成器损失：极小极大损失是 log(1 − D)，非饱和损失是 −log D。</translation>
    </message>
    <message>
      <source>−log(1 − D) is the discriminator's loss for a fake, not the generator's.</source>
      <translation>−log(1 − D) 是判别器对假样本的损失，不是生成器的损失。</translation>
    </message>
    <message>
      <source>Mind the sign: the generator minimises its loss.</source>
      <translation>注意符号：生成器要最小化它的损失。</translation>
    </message>
    <message>
      <source>At step {step} the discriminator gives D(x) = {d} at x = {x}. A generated sample lands there: what is its generator loss with the non-saturating loss L_G = −log D(G(z))?</source>
      <translation>第 {step} 步时，判别器在 x = {x} 处给出 D(x) = {d}。一个生成样本落在这里：用非饱和损失 L_G = −log D(G(z)) 时，它的生成器损失是多少？</translation>
    </message>
    <message>
      <source>−log D = −log({d}) = {answer}</source>
      <translation>−log D = −log({d}) = {answer}</translation>
    </message>
    <message>
      <source>At step {step} the discriminator gives D(x) = {d} at x = {x}. A generated sample lands there: what is its generator loss with the minimax loss L_G = log(1 − D(G(z)))?</source>
      <translation>第 {step} 步时，判别器在 x = {x} 处给出 D(x) = {d}。一个生成样本落在这里：用极小极大损失 L_G = log(1 − D(G(z))) 时，它的生成器损失是多少？</translation>
    </message>
    <message>
      <source>log(1 − D) = log(1 − {d}) = {answer}</source>
      <translation>log(1 − D) = log(1 − {d}) = {answer}</translation>
    </message>
    <message>
      <source>At step {step}, the accuracy curves' last points (step {rec}) on the {n} validation digits 5–9 are: fine-tuned {pa}, trained from scratch {pb}. How many more of the digits does the fine-tuned network classify correctly than the one trained from scratch?</source>
      <translation>第 {step} 步时，准确率曲线的最后一个点（第 {rec} 步）在 {n} 个验证数字 5–9 上为：微调 {pa}，从头训练 {pb}。微调的网络比从头训练的网络多分对几个数字？</translation>
    </message>
    <message>
      <source>At step {step}, the accuracy curves' last points (step {rec}) on the {n} validation digits 5–9 are: frozen features with a new head {pa}, trained from scratch {pb}. How many more of the digits does the network with frozen features classify correctly than the one trained from scratch?</source>
      <translation>第 {step} 步时，准确率曲线的最后一个点（第 {rec} 步）在 {n} 个验证数字 5–9 上为：冻结特征加新输出层 {pa}，从头训练 {pb}。冻结特征的网络比从头训练的网络多分对几个数字？</translation>
    </message>
    <message>
      <source>At step {step}, the accuracy curves' last points (step {rec}) on the {n} validation digits 5–9 are: fine-tuned {pa}, frozen features with a new head {pb}. How many more of the digits does the fine-tuned network classify correctly than the one with frozen features?</source>
      <translation>第 {step} 步时，准确率曲线的最后一个点（第 {rec} 步）在 {n} 个验证数字 5–9 上为：微调 {pa}，冻结特征加新输出层 {pb}。微调的网络比冻结特征的网络多分对几个数字？</translation>
    </message>
    <message>
      <source>−log({a}) − log(1 − {b}) = {answer}</source>
      <translation>−log({a}) − log(1 − {b}) = {answer}</translation>
    </message>
    <message>
      <source>½·({a} − 1)² + ½·{b}² = {answer}</source>
      <translation>½·({a} − 1)² + ½·{b}² = {answer}</translation>
    </message>
    <message>
      <source>At step {step}, D's mean output on the generated batch is D(G(z)) = {d}. What is the generator's loss for a sample scored so, with the non-saturating loss L_G = −log D(G(z))?</source>
      <translation>第 {step} 步时，D 在生成批次上的平均输出为 D(G(z)) = {d}。对得到这个分数的样本，用非饱和损失 L_G = −log D(G(z)) 时，生成器的损失是多少？</translation>
    </message>
    <message>
      <source>At step {step}, D's mean output on the generated batch is D(G(z)) = {d}. What is the generator's loss for a sample scored so, with the minimax loss L_G = log(1 − D(G(z)))?</source>
      <translation>第 {step} 步时，D 在生成批次上的平均输出为 D(G(z)) = {d}。对得到这个分数的样本，用极小极大损失 L_G = log(1 − D(G(z))) 时，生成器的损失是多少？</translation>
    </message>
    <message>
      <source>At step {step}, D's mean output on the generated batch is D(G(z)) = {d}. What is the generator's loss for a sample scored so, with the least-squares loss L_G = ½(D(G(z)) − 1)²?</source>
      <translation>第 {step} 步时，D 在生成批次上的平均输出为 D(G(z)) = {d}。对得到这个分数的样本，用最小二乘损失 L_G = ½(D(G(z)) − 1)² 时，生成器的损失是多少？</translation>
    </message>
    <message>
      <source>½·({d} − 1)² = {answer}</source>
      <translation>½·({d} − 1)² = {answer}</translation>
    </message>
    <message>
      <source>At step {step}, pixel (row {r}, column {c}) of the shown digit {k} has the value x = {x}, and the network's reconstruction gives x̂ = {xh}. What is this pixel's term of the reconstruction loss, −[x·log x̂ + (1 − x)·log(1 − x̂)]?</source>
      <translation>第 {step} 步时，所示数字 {k} 的像素（第 {r} 行，第 {c} 列）的值为 x = {x}，网络的重建给出 x̂ = {xh}。这个像素在重建损失 −[x·log x̂ + (1 − x)·log(1 − x̂)] 中的那一项是多少？</translation>
    </message>
    <message>
      <source>−[{x}·ln {xh} + (1 − {x})·ln(1 − {xh})] = {answer}</source>
      <translation>−[{x}·ln {xh} + (1 − {x})·ln(1 − {xh})] = {answer}</translation>
    </message>
    <message>
      <source>At step {step} the encoder gives validation digit {i} (a {digit}) the mean μ = {mu} and log-variance log σ² = {lv}. What is its KL term KL(N(μ, σ²) ‖ N(0, 1)) = ½·Σ(μ² + σ² − log σ² − 1)?</source>
      <translation>第 {step} 步时，编码器给验证集第 {i} 个数字（一个 {digit}）的均值为 μ = {mu}，对数方差为 log σ² = {lv}。它的 KL 项 KL(N(μ, σ²) ‖ N(0, 1)) = ½·Σ(μ² + σ² − log σ² − 1) 是多少？</translation>
    </message>
    <message>
      <source>½·Σ(μ² + e^(log σ²) − log σ² − 1) over both dimensions = {answer}</source>
      <translation>对两个维度求和：½·Σ(μ² + e^(log σ²) − log σ² − 1) = {answer}</translation>
    </message>
    <message>
      <source>The KL term has a factor ½.</source>
      <translation>KL 项前面有系数 ½。</translation>
    </message>
    <message>
      <source>It is σ² = e^(log σ²) that enters, not σ.</source>
      <translation>代入的是 σ² = e^(log σ²)，不是 σ。</translation>
    </message>
    <message>
      <source>Each dimension subtracts 1: a code with μ = 0, σ = 1 costs nothing.</source>
      <translation>每个维度都要减 1：μ = 0、σ = 1 的编码代价为零。</translation>
    </message>
    <message>
      <source>The variance terms count too: only σ² = 1 makes them vanish.</source>
      <translation>方差项也要算：只有 σ² = 1 时它们才为零。</translation>
    </message>
    <message>
      <source>At step {step}, the decoded grid panel shows a {t}×{t} grid of codes spread evenly over z₁ ∈ [{x0}, {x1}] (left to right) and z₂ ∈ [{y0}, {y1}] (bottom to top; the first and last tiles on the ends). Which code z = (z₁, z₂) does the tile in row {r}, column {c} (from the top left, from 1) show?</source>
      <translation>第 {step} 步时，解码网格面板显示一个 {t}×{t} 的编码网格，均匀分布在 z₁ ∈ [{x0}, {x1}]（从左到右）和 z₂ ∈ [{y0}, {y1}]（从下到上；首尾两块正好在两端）。第 {r} 行、第 {c} 列（从左上角数起，从 1 开始）的小图显示的是哪个编码 z = (z₁, z₂)？</translation>
    </message>
    <message>
      <source>z₁ = {x0} + ({c} − 1)·({x1} − {x0})/({t} − 1), z₂ = {y1} − ({r} − 1)·({y1} − {y0})/({t} − 1): z = {answer}</source>
      <translation>z₁ = {x0} + ({c} − 1)·({x1} − {x0})/({t} − 1)，z₂ = {y1} − ({r} − 1)·({y1} − {y0})/({t} − 1)：z = {answer}</translation>
    </message>
    <message>
      <source>At step {step}, unit 1 of BN layer {layer} had the batch mean μ_B = {batch} and the running mean {before} before the step; the momentum is m = {m} (PyTorch's convention: the weight of the new batch). What is the running mean after the step?</source>
      <translation>第 {step} 步时，BN 第 {layer} 层的第 1 个单元的批均值为 μ_B = {batch}，这一步之前的滑动均值为 {before}；动量为 m = {m}（PyTorch 的约定：新批次的权重）。这一步之后的滑动均值是多少？</translation>
    </message>
    <message>
      <source>(1 − m)·running + m·μ_B = {keep}·{before} + {m}·{batch} = {answer}</source>
      <translation>(1 − m)·滑动值 + m·μ_B = {keep}·{before} + {m}·{batch} = {answer}</translation>
    </message>
    <message>
      <source>At step {step}, unit 1 of BN layer {layer} had the batch variance σ²_B = {batch} (biased, over the batch of {n}) and the running variance {before} before the step; the momentum is m = {m} (PyTorch's convention: the weight of the new batch). What is the running variance after the step?</source>
      <translation>第 {step} 步时，BN 第 {layer} 层的第 1 个单元的批方差为 σ²_B = {batch}（有偏，在 {n} 个样本的批次上），这一步之前的滑动方差为 {before}；动量为 m = {m}（PyTorch 的约定：新批次的权重）。这一步之后的滑动方差是多少？</translation>
    </message>
    <message>
      <source>(1 − m)·running + m·σ²_B·n/(n − 1) = {keep}·{before} + {m}·{batch}·{n}/{n1} = {answer}</source>
      <translation>(1 − m)·滑动值 + m·σ²_B·n/(n − 1) = {keep}·{before} + {m}·{batch}·{n}/{n1} = {answer}</translation>
    </message>
    <message>
      <source>At step {step}, dropout with p = {p} (train mode) keeps unit {u} of the first hidden layer for the shown digit; the unit's input is x = {x}. What is its output?</source>
      <translation>第 {step} 步时，p = {p} 的 dropout（训练模式）对所示数字保留了第一个隐藏层的第 {u} 个单元；该单元的输入为 x = {x}。它的输出是多少？</translation>
    </message>
    <message>
      <source>y = x / (1 − p) = {x} / (1 − {p}) = {answer}</source>
      <translation>y = x / (1 − p) = {x} / (1 − {p}) = {answer}</translation>
    </message>
    <message>
      <source>{pa}·{n} − {pb}·{n} = {ra} − {rb} = {answer}</source>
      <translation>{pa}·{n} − {pb}·{n} = {ra} − {rb} = {answer}</translation>
    </message>
    <message>
      <source>At step {step}, after the prompt '{prompt}' the model's {k} most likely next characters {chars} have the probabilities {probs} (softmax at T = 1). Sampling at temperature T = {t} with top-k = {k}: what is the probability of '{c}'?</source>
      <translation>第 {step} 步时，在提示“{prompt}”之后，模型最可能的 {k} 个下一个字符 {chars} 的概率为 {probs}（T = 1 的 softmax）。以温度 T = {t}、前 k = {k} 采样时，“{c}”的概率是多少？</translation>
    </message>
    <message>
      <source>p^(1/T) = {powered}; renormalised over the top {k}: {answer}</source>
      <translation>p^(1/T) = {powered}；在前 {k} 个中重新归一化：{answer}</translation>
    </message>
    <message>
      <source>At step {step}, after the prompt '{prompt}' the model's most likely next characters {chars} have the probabilities {probs} (softmax at T = 1). With top-p = {p} (nucleus sampling), how many characters are kept?</source>
      <translation>第 {step} 步时，在提示“{prompt}”之后，模型最可能的下一个字符 {chars} 的概率为 {probs}（T = 1 的 softmax）。用前 p = {p}（核采样）时，保留几个字符？</translation>
    </message>
    <message>
      <source>running sums {sums}: the characters up to the one that reaches {p} are kept: {answer}</source>
      <translation>累加和 {sums}：直到累加和达到 {p} 的那个字符为止都保留：{answer}</translation>
    </message>
    <message>
      <source>At step {step} the first stage proposes the region {a} (x1, y1, x2, y2) near the ground-truth box {b}. What is their IoU?</source>
      <translation>第 {step} 步时，第一阶段在真实框 {b} 附近提出区域 {a}（x1, y1, x2, y2）。它们的 IoU 是多少？</translation>
    </message>
    <message>
      <source>At step {step} the RPN's {m} best-scored candidates are {boxes} (x1, y1, x2, y2; best first, objectness {scores}). NMS at the IoU threshold {t} runs over them: how many survive?</source>
      <translation>第 {step} 步时，RPN 得分最高的 {m} 个候选框为 {boxes}（x1, y1, x2, y2；得分高的在前，目标性 {scores}）。在 IoU 阈值 {t} 下对它们做 NMS：保留下来几个？</translation>
    </message>
    <message>
      <source>IoU of the pairs: {pairs}; in score order, a box is dropped when it overlaps a kept one more than {t}: kept {kept} → {answer}</source>
      <translation>各对的 IoU：{pairs}；按得分顺序，与已保留框的重叠超过 {t} 的框被去掉：保留 {kept} → {answer}</translation>
    </message>
    <message>
      <source>The term (1 − x)·log(1 − x̂) counts too: the pixel is grey, not black.</source>
      <translation>(1 − x)·log(1 − x̂) 这一项也要算：这个像素是灰的，不是黑的。</translation>
    </message>
    <message>
      <source>That is the squared error; the loss is the binary cross-entropy.</source>
      <translation>那是平方误差；这里的损失是二元交叉熵。</translation>
    </message>
    <message>
      <source>The target x weighs the logarithms of the reconstruction x̂, not the other way round.</source>
      <translation>是目标 x 给重建 x̂ 的对数加权，不是反过来。</translation>
    </message>
    <message>
      <source>The cross-entropy uses the natural logarithm.</source>
      <translation>交叉熵用的是自然对数。</translation>
    </message>
    <message>
      <source>{t} tiles span the range with {t} − 1 gaps.</source>
      <translation>{t} 块小图之间有 {t} − 1 个间隔，覆盖整个范围。</translation>
    </message>
    <message>
      <source>The top row shows the largest z₂.</source>
      <translation>最上面一行是最大的 z₂。</translation>
    </message>
    <message>
      <source>The column gives z₁, the row z₂.</source>
      <translation>列决定 z₁，行决定 z₂。</translation>
    </message>
    <message>
      <source>z₁ runs left to right, z₂ bottom to top.</source>
      <translation>z₁ 从左到右，z₂ 从下到上。</translation>
    </message>
    <message>
      <source>m weighs the new batch, 1 − m the running value.</source>
      <translation>m 是新批次的权重，1 − m 是滑动值的权重。</translation>
    </message>
    <message>
      <source>The running value is a moving average: it keeps (1 − m) of the old one.</source>
      <translation>滑动值是移动平均：它保留旧值的 (1 − m)。</translation>
    </message>
    <message>
      <source>Inverted dropout scales the kept units up, by 1/(1 − p), in train mode.</source>
      <translation>反向 dropout 在训练模式下把保留的单元放大 1/(1 − p) 倍。</translation>
    </message>
    <message>
      <source>In train mode the kept units are scaled by 1/(1 − p); only eval mode passes x as it is.</source>
      <translation>训练模式下保留的单元要乘以 1/(1 − p)；只有评估模式才原样传出 x。</translation>
    </message>
    <message>
      <source>Divide by the keep probability 1 − p, not by p.</source>
      <translation>要除以保留概率 1 − p，而不是 p。</translation>
    </message>
    <message>
      <source>That is the difference in percentage points: multiply the accuracies by the {n} digits.</source>
      <translation>那是百分点之差：要把准确率乘以 {n} 个数字。</translation>
    </message>
    <message>
      <source>That is how many the first way gets right, not how many more.</source>
      <translation>那是第一种方式分对的个数，不是多分对的个数。</translation>
    </message>
    <message>
      <source>Mind the order: the first way minus the second.</source>
      <translation>注意顺序：第一种减去第二种。</translation>
    </message>
    <message>
      <source>The temperature divides the logits: use p^(1/T) before renormalising.</source>
      <translation>温度除的是 logit：重新归一化之前要用 p^(1/T)。</translation>
    </message>
    <message>
      <source>Divide the logits by T, not multiply: the power is 1/T.</source>
      <translation>logit 要除以 T 而不是乘以 T：幂是 1/T。</translation>
    </message>
    <message>
      <source>Top-k renormalises the kept probabilities to sum to 1.</source>
      <translation>前 k 采样会把保留的概率重新归一化，使和为 1。</translation>
    </message>
    <message>
      <source>The character that crosses p is kept too.</source>
      <translation>使累加和越过 p 的那个字符也保留。</translation>
    </message>
    <message>
      <source>Stop at the first character at which the running sum reaches p.</source>
      <translation>在累加和第一次达到 p 的字符处停下。</translation>
    </message>
    <message>
      <source>Top-p adds the largest probabilities until they reach p; it does not compare each one with 1 − p.</source>
      <translation>前 p 采样从最大的概率开始累加，直到达到 p；它不是把每个概率与 1 − p 比较。</translation>
    </message>
    <message>
      <source>Divide by the union, not by the true box.</source>
      <translation>要除以并集，而不是真实框。</translation>
    </message>
    <message>
      <source>Greedy NMS: a box removed by a better one no longer removes others.</source>
      <translation>贪心 NMS：被更好的框去掉的框不再去掉别的框。</translation>
    </message>
    <message>
      <source>NMS removes the boxes that overlap a kept box more than the threshold, not less.</source>
      <translation>NMS 去掉的是与已保留框重叠超过阈值的框，而不是低于阈值的。</translation>
    </message>
    <message>
      <source>Overlapping candidates do not all survive: NMS keeps the best of each cluster.</source>
      <translation>重叠的候选框不会都保留：NMS 在每一簇中只保留最好的。</translation>
    </message>
    <message>
      <source>The generated sample's term −log(1 − D(G(z))) counts too.</source>
      <translation>生成样本的那一项 −log(1 − D(G(z))) 也要算。</translation>
    </message>
    <message>
      <source>The real sample's term −log D(x) counts too.</source>
      <translation>真实样本的那一项 −log D(x) 也要算。</translation>
    </message>
    <message>
      <source>For a generated sample D should say 0: its term is −log(1 − D(G(z))), not −log D(G(z)).</source>
      <translation>对生成样本 D 应该输出 0：它的那一项是 −log(1 − D(G(z)))，不是 −log D(G(z))。</translation>
    </message>
    <message>
      <source>The loss uses the natural logarithm.</source>
      <translation>损失用的是自然对数。</translation>
    </message>
    <message>
      <source>G wants D to say 1 for its samples: ½(D(G(z)) − 1)².</source>
      <translation>G 希望 D 对它的样本输出 1：½(D(G(z)) − 1)²。</translation>
    </message>
    <message>
      <source>The squared term has a factor ½.</source>
      <translation>平方项前有系数 ½。</translation>
    </message>
    <message>
      <source>The gap to 1 is squared.</source>
      <translation>与 1 的差要平方。</translation>
    </message>
    <message>
      <source>The running variance takes the unbiased batch variance: σ²_B·n/(n − 1).</source>
      <translation>滑动方差用的是无偏的批方差：σ²_B·n/(n − 1)。</translation>
    </message>
    <message>
      <source>The generated sample's term ½·D(G(z))² counts too.</source>
      <translation>生成样本的那一项 ½·D(G(z))² 也要算。</translation>
    </message>
    <message>
      <source>D should say 1 for real and 0 for generated samples, not the other way round.</source>
      <translation>D 应该对真实样本输出 1、对生成样本输出 0，不是反过来。</translation>
    </message>
    <message>
      <source>Each squared term has a factor ½.</source>
      <translation>每个平方项前都有系数 ½。</translation>
    </message>
    <message>
      <source>At step {step}, D's map shows D = {a} at {pa}, where real data lies, and D = {b} at {pb}, where generated points lie. What is D's loss for a real sample and a generated one scored so, −log D(x) − log(1 − D(G(z)))?</source>
      <translation>第 {step} 步时，D 的热图在真实数据所在的 {pa} 处为 D = {a}，在生成点所在的 {pb} 处为 D = {b}。对得到这些分数的一个真实样本和一个生成样本，D 的损失 −log D(x) − log(1 − D(G(z))) 是多少？</translation>
    </message>
    <message>
      <source>At step {step}, D's map shows D = {a} at {pa}, where real data lies, and D = {b} at {pb}, where generated points lie. What is D's least-squares loss for a real sample and a generated one scored so, ½(D(x) − 1)² + ½·D(G(z))²?</source>
      <translation>第 {step} 步时，D 的热图在真实数据所在的 {pa} 处为 D = {a}，在生成点所在的 {pb} 处为 D = {b}。对得到这些分数的一个真实样本和一个生成样本，D 的最小二乘损失 ½(D(x) − 1)² + ½·D(G(z))² 是多少？</translation>
    </message>
    <message>
      <source>At step {step}, D's mean output is D(x) = {a} on the real batch and D(G(z)) = {b} on the generated batch. What is D's loss for a real sample and a generated one scored so, −log D(x) − log(1 − D(G(z)))?</source>
      <translation>第 {step} 步时，D 在真实批次上的平均输出为 D(x) = {a}，在生成批次上为 D(G(z)) = {b}。对得到这些分数的一个真实样本和一个生成样本，D 的损失 −log D(x) − log(1 − D(G(z))) 是多少？</translation>
    </message>
    <message>
      <source>At step {step}, D's mean output is D(x) = {a} on the real batch and D(G(z)) = {b} on the generated batch. What is D's least-squares loss for a real sample and a generated one scored so, ½(D(x) − 1)² + ½·D(G(z))²?</source>
      <translation>第 {step} 步时，D 在真实批次上的平均输出为 D(x) = {a}，在生成批次上为 D(G(z)) = {b}。对得到这些分数的一个真实样本和一个生成样本，D 的最小二乘损失 ½(D(x) − 1)² + ½·D(G(z))² 是多少？</translation>
    </message>
    <message>
      <source>Practice</source>
      <translation>练习</translation>
    </message>
    <message>
      <source>Check (Enter)</source>
      <translation>检查 (Enter)</translation>
    </message>
    <message>
      <source>Show me</source>
      <translation>演示给我看</translation>
    </message>
    <message>
      <source>Next (→)</source>
      <translation>下一题 (→)</translation>
    </message>
    <message>
      <source>Type a number</source>
      <translation>输入一个数</translation>
    </message>
    <message>
      <source>Keys: 1–4 choose · T / F true or false · Enter check · → next · Page Down (clicker) check, then next</source>
      <translation>按键：1–4 选择 · T / F 判断对错 · Enter 检查 · → 下一题 · Page Down（翻页笔）先检查再下一题</translation>
    </message>
    <message>
      <source>Question {0} of {1}</source>
      <translation>第 {0} 题，共 {1} 题</translation>
    </message>
    <message>
      <source>True (T)</source>
      <translation>对 (T)</translation>
    </message>
    <message>
      <source>False (F)</source>
      <translation>错 (F)</translation>
    </message>
    <message>
      <source>True</source>
      <translation>对</translation>
    </message>
    <message>
      <source>False</source>
      <translation>错</translation>
    </message>
    <message>
      <source>No questions for this lab yet.</source>
      <translation>这个实验还没有练习题。</translation>
    </message>
    <message>
      <source>Right!</source>
      <translation>正确！</translation>
    </message>
    <message>
      <source>Worked solution:</source>
      <translation>解题过程：</translation>
    </message>
    <message>
      <source>from the run (step {0})</source>
      <translation>来自当前训练（第 {0} 步）</translation>
    </message>
    <message>
      <source>Score {0}/{1}</source>
      <translation>得分 {0}/{1}</translation>
    </message>
    <message>
      <source>Done: {0} of {1} right.</source>
      <translation>完成：{1} 题答对 {0} 题。</translation>
    </message>
    <message>
      <source>Not quite. The answer is {0}.</source>
      <translation>不对。答案是 {0}。</translation>
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
  <context>
    <name>NetworkView</name>
    <message>
      <source>Click a point in the output: its numbers in every neuron</source>
      <translation>在输出图上点击一个点：查看它在每个神经元上的数值</translation>
    </message>
    <message>
      <source>Input</source>
      <translation>输入</translation>
    </message>
    <message>
      <source>Output</source>
      <translation>输出</translation>
    </message>
    <message>
      <source>Input feature, or layer and neuron number</source>
      <translation>输入特征，或层号和神经元编号</translation>
    </message>
    <message>
      <source>Pre-activation: the weighted sum plus bias</source>
      <translation>预激活：加权和加偏置</translation>
    </message>
    <message>
      <source>Activation: the neuron's output</source>
      <translation>激活：神经元的输出</translation>
    </message>
    <message>
      <source>Gradient of this point's loss with respect to z</source>
      <translation>该点的损失对 z 的梯度</translation>
    </message>
    <message>
      <source>weight w &gt; 0</source>
      <translation>权重 w &gt; 0</translation>
    </message>
    <message>
      <source>weight w &lt; 0</source>
      <translation>权重 w &lt; 0</translation>
    </message>
    <message>
      <source>One neuron more in this layer</source>
      <translation>这一层增加一个神经元</translation>
    </message>
    <message>
      <source>One neuron less in this layer</source>
      <translation>这一层减少一个神经元</translation>
    </message>
    <message>
      <source>Remove the last hidden layer</source>
      <translation>删除最后一个隐藏层</translation>
    </message>
    <message>
      <source>Add a hidden layer</source>
      <translation>增加一个隐藏层</translation>
    </message>
    <message>
      <source>Layer {0}</source>
      <translation>第 {0} 层</translation>
    </message>
    <message>
      <source>L{0} #{1}</source>
      <translation>L{0} #{1}</translation>
    </message>
    <message>
      <source>{0}, neuron {1}</source>
      <translation>{0}，神经元 {1}</translation>
    </message>
    <message>
      <source>weight w = {0}
from {1}
to {2}</source>
      <translation>权重 w = {0}
从 {1}
到 {2}</translation>
    </message>
    <message>
      <source>Neuron</source>
      <translation>神经元</translation>
    </message>
    <message>
      <source>+ layer</source>
      <translation>+ 层</translation>
    </message>
    <message>
      <source>out #{0}</source>
      <translation>输出 #{0}</translation>
    </message>
    <message>
      <source>Click: show this map large</source>
      <translation>点击：放大显示这幅图</translation>
    </message>
    <message>
      <source>Click: show the output large</source>
      <translation>点击：放大显示输出</translation>
    </message>
    <message>
      <source>− layer</source>
      <translation>− 层</translation>
    </message>
    <message>
      <source>output over the plane: {0} … {1}</source>
      <translation>平面上的输出：{0} … {1}</translation>
    </message>
    <message>
      <source>selected point: z = {0}, a = {1}, ∂L/∂z = {2}</source>
      <translation>选中的点：z = {0}，a = {1}，∂L/∂z = {2}</translation>
    </message>
    <message>
      <source>bias b = {0}</source>
      <translation>偏置 b = {0}</translation>
    </message>
    <message>
      <source>selected point: {0}</source>
      <translation>选中的点：{0}</translation>
    </message>
  </context>
  <context>
    <name>UnitView</name>
    <message>
      <source>image</source>
      <translation>图像</translation>
    </message>
    <message>
      <source>R, G, B = the kernel's weights on R, G, B, each kernel 0…1</source>
      <translation>R、G、B = 卷积核对 R、G、B 的权重，每个卷积核各自缩放到 0…1</translation>
    </message>
    <message>
      <source>in {0}</source>
      <translation>输入 {0}</translation>
    </message>
    <message>
      <source>input</source>
      <translation>输入</translation>
    </message>
    <message>
      <source>kernel</source>
      <translation>卷积核</translation>
    </message>
    <message>
      <source>product</source>
      <translation>乘积</translation>
    </message>
    <message>
      <source>{layer}, channel {channel}, row {row}, column {col}</source>
      <translation>{layer}，通道 {channel}，第 {row} 行，第 {col} 列</translation>
    </message>
    <message>
      <source>layer: {0}</source>
      <translation>该层输出：{0}</translation>
    </message>
    <message>
      <source>{name} ({i}, {j}): {x} × {w} = {p}</source>
      <translation>{name} ({i}, {j})：{x} × {w} = {p}</translation>
    </message>
    <message>
      <source>Click a unit in any feature map to see how its value is computed.</source>
      <translation>在任一特征图中点击一个单元，查看它的值如何算出。</translation>
    </message>
    <message>
      <source>{kh}×{kw} × {n} channels, stride {s}, padding {p}</source>
      <translation>{kh}×{kw} × {n} 个通道，步幅 {s}，填充 {p}</translation>
    </message>
    <message>
      <source>{kh}×{kw} window, stride {s}</source>
      <translation>{kh}×{kw} 窗口，步幅 {s}</translation>
    </message>
    <message>
      <source>BN (x − {mean}) / √({var} + ε) × {gamma} + {beta} = {out}</source>
      <translation>BN (x − {mean}) / √({var} + ε) × {gamma} + {beta} = {out}</translation>
    </message>
    <message>
      <source>Σ = {sum} + b ({bias}) = &lt;b&gt;{value}&lt;/b&gt;</source>
      <translation>Σ = {sum} + b ({bias}) = &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
      <source>The softmax of the output appears with a unit.</source>
      <translation>选中一个单元后，这里显示输出层的 softmax。</translation>
    </message>
    <message>
      <source>p = {exp} / Σ {exp}, Σ = {total}</source>
      <translation>p = {exp} / Σ {exp}，Σ = {total}</translation>
    </message>
    <message>
      <source>max {0}</source>
      <translation>最大 {0}</translation>
    </message>
    <message>
      <source>mean {0}</source>
      <translation>平均 {0}</translation>
    </message>
    <message>
      <source>window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <source>max of the window = &lt;b&gt;{value}&lt;/b&gt; (row {i}, column {j})</source>
      <translation>窗口最大值 = &lt;b&gt;{value}&lt;/b&gt;（第 {i} 行，第 {j} 列）</translation>
    </message>
    <message>
      <source>mean = Σ {sum} / {n} = &lt;b&gt;{value}&lt;/b&gt;</source>
      <translation>平均 = Σ {sum} / {n} = &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
      <source>class</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>drawn: {0} with the largest |Σ|, the others add {1}</source>
      <translation>画出 |Σ| 最大的 {0} 个，其余通道合计 {1}</translation>
    </message>
    <message>
      <source>{0} cells are padding (0)</source>
      <translation>{0} 个格子是填充（0）</translation>
    </message>
    <message>
      <source>window ({i}, {j}): {v}</source>
      <translation>窗口 ({i}, {j})：{v}</translation>
    </message>
  </context>
</TS>
