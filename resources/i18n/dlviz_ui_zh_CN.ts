<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AugmentStage</name>
    <message>
        <source>Digit number</source>
        <extracomment>Side of the preview images (as the CNN labs upsample the 8×8 digits). Gray between the tiles, so the (black) borders of the digits stay apart. Room after each group of controls (pixels). The original is shown at 1 / this of its panel (a reference beside the grid). Preview settings shown first, so the grid already varies when the tool opens. the labels of the digit and of the four numeric options</extracomment>
        <translation>数字编号</translation>
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation>水平翻转</translation>
    </message>
    <message>
        <source>Vertical flip</source>
        <translation>垂直翻转</translation>
    </message>
    <message>
        <source>Crop: smallest area</source>
        <translation>裁剪：最小面积</translation>
    </message>
    <message>
        <source>Rotation ± degrees</source>
        <translation>旋转 ± 度</translation>
    </message>
    <message>
        <source>Brightness ±</source>
        <translation>亮度 ±</translation>
    </message>
    <message>
        <source>Contrast ±</source>
        <translation>对比度 ±</translation>
    </message>
    <message>
        <source>New random draws</source>
        <translation>重新随机抽取</translation>
    </message>
    <message>
        <source>{n} random versions</source>
        <translation>{n} 个随机版本</translation>
    </message>
    <message>
        <source>Augmented</source>
        <translation>增强结果</translation>
    </message>
    <message>
        <source>Original (class {c})</source>
        <translation>原图（类别 {c}）</translation>
    </message>
    <message>
        <source>Each of the {n} tiles is a new random draw, as training makes one at every step: the network learns the digit, not its exact pixels.</source>
        <translation>这 {n} 个小图每个都是一次新的随机抽取，训练时每一步都会重新抽取：网络学到的是这个数字，而不是它的具体像素。</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原图</translation>
    </message>
</context>
<context>
    <name>AutoencoderStage</name>
    <message>
        <source>Decoded latent grid</source>
        <translation>隐空间网格的解码结果</translation>
    </message>
    <message>
        <source>Decoded random codes</source>
        <translation>随机编码的解码结果</translation>
    </message>
    <message>
        <source>Anomaly</source>
        <translation>异常检测</translation>
    </message>
    <message>
        <source>Reconstructions</source>
        <translation>重建结果</translation>
    </message>
    <message>
        <source>Error: seen vs held-out</source>
        <translation>误差：见过的与留出的</translation>
    </message>
    <message>
        <source>Latent codes</source>
        <translation>隐空间编码</translation>
    </message>
    <message>
        <source>Decoded grid</source>
        <translation>解码网格</translation>
    </message>
    <message>
        <source>Random codes</source>
        <translation>随机编码</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>{0} (never seen)</source>
        <translation>{0}（从未见过）</translation>
    </message>
    <message>
        <source>Each dot is the code of a validation digit, coloured by digit. The KL term pulls the codes towards a standard normal, so the decoded grid (codes −2…2) and random codes decode to digits.</source>
        <translation>每个点是一个验证集数字的编码，颜色表示数字。KL 项把编码拉向标准正态分布，因此解码网格（编码 −2…2）和随机编码都能解码成数字。</translation>
    </message>
    <message>
        <source>Each dot is the 2-D code of a validation digit, coloured by digit. The decoded grid is the box of the latent plot, decoded point by point.</source>
        <translation>每个点是一个验证集数字的二维编码，颜色表示数字。解码网格就是隐空间图中的方框，逐点解码得到。</translation>
    </message>
    <message>
        <source>Digit {0} never seen in training. Above the threshold: {1:.0%} of it, {2:.0%} of the seen digits.</source>
        <translation>数字 {0} 在训练中从未出现。超过阈值的：它有 {1:.0%}，见过的数字有 {2:.0%}。</translation>
    </message>
    <message>
        <source>Choose a held-out digit to see anomaly detection.</source>
        <translation>选择一个留出的数字，即可观察异常检测。</translation>
    </message>
</context>
<context>
    <name>Classifier2dStage</name>
    <message>
        <source>Decision boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <source>Colour: the class the network predicts at each point of the plane (paler = less sure). Dots: training points; crosses: validation points, in the colour of their true class.</source>
        <translation>颜色：网络在平面上每一点预测的类别（越浅越不确定）。圆点：训练点；叉：验证点，颜色为其真实类别。</translation>
    </message>
</context>
<context>
    <name>ConvMathStage</name>
    <message>
        <source>Input size n</source>
        <translation>输入尺寸 n</translation>
    </message>
    <message>
        <source>Kernel k</source>
        <translation>卷积核 k</translation>
    </message>
    <message>
        <source>Stride s</source>
        <translation>步幅 s</translation>
    </message>
    <message>
        <source>Padding p</source>
        <translation>填充 p</translation>
    </message>
    <message>
        <source>Dilation d</source>
        <translation>空洞 d</translation>
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
        <source>Groups</source>
        <translation>分组数</translation>
    </message>
    <message>
        <source>Padding mode</source>
        <translation>填充方式</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>输出尺寸</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Padding used</source>
        <translation>实际填充</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>… without bias</source>
        <translation>……不含偏置</translation>
    </message>
    <message>
        <source>Multiply-adds</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <source>Receptive field</source>
        <translation>感受野</translation>
    </message>
    <message>
        <source>Then 2×2 max-pool</source>
        <translation>再做 2×2 最大池化</translation>
    </message>
    <message>
        <source>Comparisons</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Sliding kernel</source>
        <translation>滑动卷积核</translation>
    </message>
    <message>
        <source>{0}: {1} — value not applied.</source>
        <translation>{0}：{1} —— 该值未生效。</translation>
    </message>
    <message>
        <source>The animation slides a {k}×{k} kernel over a 7×7 input with the stride, padding and dilation above.</source>
        <translation>动画按上面的步幅、填充和空洞，让一个 {k}×{k} 卷积核在 7×7 输入上滑动。</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>The kernel slides over a 7×7 input</source>
        <translation>卷积核在 7×7 输入上滑动</translation>
    </message>
    <message>
        <source>◀ Step</source>
        <translation>◀ 单步</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>单步 ▶</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>No output: </source>
        <translation>没有输出：</translation>
    </message>
    <message>
        <source>too small to pool</source>
        <translation>太小，无法池化</translation>
    </message>
    <message>
        <source>&lt;b&gt;Three 3×3 vs one 7×7&lt;/b&gt; (C = {c}): same receptive field 7×7; 27·C² = {a} vs 49·C² = {b} weights ({saved:.0%} fewer), and three non-linearities instead of one.</source>
        <translation>&lt;b&gt;三个 3×3 对比一个 7×7&lt;/b&gt;（C = {c}）：感受野同为 7×7；权重 27·C² = {a} 对比 49·C² = {b}（少 {saved:.0%}），而且有三次非线性而不是一次。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Depthwise-separable vs standard&lt;/b&gt; ({k}×{k}, {ci}→{co}): {k}·{k}·{ci} + {ci}·{co} = {sp} vs {k}·{k}·{ci}·{co} = {st} weights; ratio 1/C_out + 1/k² = {ratio:.3f}.</source>
        <translation>&lt;b&gt;深度可分离卷积对比普通卷积&lt;/b&gt;（{k}×{k}，{ci}→{co}）：权重 {k}·{k}·{ci} + {ci}·{co} = {sp} 对比 {k}·{k}·{ci}·{co} = {st}；比值 1/C_out + 1/k² = {ratio:.3f}。</translation>
    </message>
    <message>
        <source>Multiply-adds {sm} vs {stm}.</source>
        <translation>乘加次数 {sm} 对比 {stm}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;1×1 convolution&lt;/b&gt; mixes channels at each pixel: C_in·C_out + C_out = {ci}·{co} + {co} = {n} parameters.</source>
        <translation>&lt;b&gt;1×1 卷积&lt;/b&gt;在每个像素上混合通道：C_in·C_out + C_out = {ci}·{co} + {co} = {n} 个参数。</translation>
    </message>
    <message>
        <source>On this output it keeps the size {out}×{out}.</source>
        <translation>作用在这个输出上，尺寸保持 {out}×{out}。</translation>
    </message>
    <message>
        <source>(animation uses a {k}×{k} kernel) </source>
        <translation>（动画使用 {k}×{k} 卷积核）</translation>
    </message>
    <message>
        <source>No output on the 7×7 input: </source>
        <translation>7×7 输入上没有输出：</translation>
    </message>
    <message>
        <source>position {i} of {n}</source>
        <translation>位置 {i} / {n}</translation>
    </message>
</context>
<context>
    <name>DetectionStage</name>
    <message>
        <source>Scene</source>
        <extracomment>Class colours of boxes: the theme&apos;s palette, bright colours first, without black (it would vanish on the black scene). The true boxes: thin and white on the (black) scene, whatever the theme. Mask colours: background gray, then one palette colour per class. Opacity of the class colours drawn over the input in the main view. Room after each group of controls (pixels), so a value never reads as the next control&apos;s label. At most this many detections are captioned with class and score (the best ones).</extracomment>
        <translation>场景</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Score ≥</source>
        <translation>得分 ≥</translation>
    </message>
    <message>
        <source>NMS: drop if IoU &gt;</source>
        <translation>NMS：删除 IoU &gt;</translation>
    </message>
    <message>
        <source>Keep only boxes whose class score is at least this value.</source>
        <translation>只保留类别得分不低于此值的框。</translation>
    </message>
    <message>
        <source>Non-maximum suppression drops a box that overlaps a better box of its class by more than this IoU.</source>
        <translation>非极大值抑制：一个框与同类别中得分更高的框的 IoU 大于此值时，删除这个框。</translation>
    </message>
    <message>
        <source>Scene and true boxes</source>
        <translation>场景与真实框</translation>
    </message>
    <message>
        <source>Object probability</source>
        <translation>目标概率</translation>
    </message>
    <message>
        <source>After NMS</source>
        <translation>NMS 之后</translation>
    </message>
    <message>
        <source>Truth</source>
        <translation>真实框</translation>
    </message>
    <message>
        <source>Anchors</source>
        <translation>锚框</translation>
    </message>
    <message>
        <source>Before NMS</source>
        <translation>NMS 之前</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>{0} anchors matched</source>
        <translation>{0} 个锚框匹配</translation>
    </message>
    <message>
        <source>Colour = class: {0}; thin white: true boxes.</source>
        <translation>颜色 = 类别：{0}；白色细框：真实框。</translation>
    </message>
    <message>
        <source>Dashed: the {0} of {1} anchors ({2} × {2} cells × {3}) that overlap a true box with IoU ≥ {4:.2f}.</source>
        <translation>虚线：{1} 个锚框（{2} × {2} 个格子 × {3}）中与真实框 IoU ≥ {4:.2f} 的 {0} 个。</translation>
    </message>
    <message>
        <source>Validation (IoU ≥ 0.5)</source>
        <translation>验证集（IoU ≥ 0.5）</translation>
    </message>
    <message>
        <source>Before NMS: {0} boxes</source>
        <translation>NMS 之前：{0} 个框</translation>
    </message>
    <message>
        <source>After NMS: {0} boxes</source>
        <translation>NMS 之后：{0} 个框</translation>
    </message>
    <message>
        <source>mAP</source>
        <translation>mAP</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
</context>
<context>
    <name>DigitsStage</name>
    <message>
        <source>Validation digits: predicted label</source>
        <translation>验证集数字：预测的标签</translation>
    </message>
    <message>
        <source>First digit: probabilities</source>
        <translation>第一个数字：各类概率</translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
</context>
<context>
    <name>DistillationStage</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一个</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一个 ▶</translation>
    </message>
    <message>
        <source>Digit</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>distilled student</source>
        <translation>蒸馏的学生</translation>
    </message>
    <message>
        <source>hard labels only</source>
        <translation>只用硬标签</translation>
    </message>
    <message>
        <source>teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Digit:</source>
        <translation>数字：</translation>
    </message>
    <message>
        <source>Explore T:</source>
        <translation>探索 T：</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Soft targets</source>
        <translation>软目标</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>hard label</source>
        <translation>硬标签</translation>
    </message>
    <message>
        <source>student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Soft targets, T = {0:g}</source>
        <translation>软目标，T = {0:g}</translation>
    </message>
    <message>
        <source>teacher {value:.1%}</source>
        <translation>教师 {value:.1%}</translation>
    </message>
    <message>
        <source>Teacher: {0:,} parameters, {1:.1f}%. Student: {2:,} parameters ({3:.0f}× fewer).</source>
        <translation>教师：{0:,} 个参数，{1:.1f}%。学生：{2:,} 个参数（少 {3:.0f} 倍）。</translation>
    </message>
    <message>
        <source>Now: distilled {0:.1f}%, hard labels {1:.1f}%.</source>
        <translation>当前：蒸馏 {0:.1f}%，硬标签 {1:.1f}%。</translation>
    </message>
    <message>
        <source>Teacher at T</source>
        <translation>教师（温度 T）</translation>
    </message>
    <message>
        <source>Teacher, T = {0:.2f}</source>
        <translation>教师，T = {0:.2f}</translation>
    </message>
    <message>
        <source>T = {0:.2f}, entropy {1:.2f} (max {2:.2f})</source>
        <translation>T = {0:.2f}，熵 {1:.2f}（最大 {2:.2f}）</translation>
    </message>
    <message>
        <source>T = {0:.2f}</source>
        <translation>T = {0:.2f}</translation>
    </message>
</context>
<context>
    <name>ErrorHistogramView</name>
    <message>
        <source>reconstruction error</source>
        <translation>重建误差</translation>
    </message>
    <message>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>seen digits</source>
        <translation>见过的数字</translation>
    </message>
    <message>
        <source>held-out digit</source>
        <translation>留出的数字</translation>
    </message>
</context>
<context>
    <name>EventInspector</name>
    <message>
        <source>Values</source>
        <extracomment>The step-through&apos;s text is this much larger than the application font (which presentation mode scales), so it grows with Ctrl+= like the rest.</extracomment>
        <translation>数值分布</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>{0} step</source>
        <translation>{0} 更新</translation>
    </message>
    <message>
        <source>optimizer {0}</source>
        <translation>优化器 {0}</translation>
    </message>
    <message>
        <source>network {0}</source>
        <translation>网络 {0}</translation>
    </message>
    <message>
        <source>shapes: {0} → {1}</source>
        <extracomment>The formula never takes more than this share of the inspector&apos;s height.</extracomment>
        <translation>形状：{0} → {1}</translation>
    </message>
    <message>
        <source>parameters: {0} ({1} without bias)</source>
        <translation>参数：{0}（不含偏置 {1}）</translation>
    </message>
    <message>
        <source>optimizer state: {0}</source>
        <translation>优化器状态：{0}</translation>
    </message>
    <message>
        <source>learning rate η = {0}</source>
        <translation>学习率 η = {0}</translation>
    </message>
</context>
<context>
    <name>Gan1dStage</name>
    <message>
        <source>Densities and D(x)</source>
        <translation>密度与 D(x)</translation>
    </message>
    <message>
        <source>Losses of D and G</source>
        <translation>D 和 G 的损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Densities</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>D and G</source>
        <translation>D 与 G</translation>
    </message>
    <message>
        <source>Both densities are scaled so that the taller one peaks at 1. Below them, each line takes a noise value z to the point G(z) it generates. When G matches the data, D(x) = ½ everywhere: D can no longer tell data from generated points.</source>
        <translation>两条密度曲线按同一比例缩放，较高者的峰值为 1。下方每条线把一个噪声值 z 连到它生成的点 G(z)。当 G 与数据一致时，处处 D(x) = ½：D 再也分不清数据和生成的点。</translation>
    </message>
    <message>
        <source>data density</source>
        <translation>数据密度</translation>
    </message>
    <message>
        <source>generator density</source>
        <translation>生成器密度</translation>
    </message>
    <message>
        <source>critic (scaled to 0–1)</source>
        <translation>评论器（缩放到 0–1）</translation>
    </message>
    <message>
        <source>optimal D*(x)</source>
        <translation>最优 D*(x)</translation>
    </message>
    <message>
        <source>max |D(x) − ½| on the data: {0:.3f}</source>
        <translation>数据上的 max |D(x) − ½|：{0:.3f}</translation>
    </message>
</context>
<context>
    <name>Gan2dStage</name>
    <message>
        <source>Data, generated points and D</source>
        <translation>数据、生成的点与 D</translation>
    </message>
    <message>
        <source>Losses of D and G</source>
        <translation>D 和 G 的损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>D and G</source>
        <translation>D 与 G</translation>
    </message>
    <message>
        <source>D map</source>
        <translation>D 的地形</translation>
    </message>
    <message>
        <source>Arrows</source>
        <translation>箭头</translation>
    </message>
    <message>
        <source>Noise grid</source>
        <translation>噪声网格</translation>
    </message>
    <message>
        <source>Preset: mode collapse</source>
        <translation>预设：模式坍塌</translation>
    </message>
    <message>
        <source>Preset: fixed</source>
        <translation>预设：已修复</translation>
    </message>
    <message>
        <source>Draw target</source>
        <translation>绘制目标</translation>
    </message>
    <message>
        <source>Use drawing</source>
        <translation>使用手绘</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>generated</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>pull on G&apos;s points</source>
        <translation>G 的点受到的拉力</translation>
    </message>
    <message>
        <source>noise grid</source>
        <translation>噪声网格</translation>
    </message>
    <message>
        <source>mode covered</source>
        <translation>已覆盖的模式</translation>
    </message>
    <message>
        <source>mode missed</source>
        <translation>未覆盖的模式</translation>
    </message>
    <message>
        <source>The background is D&apos;s verdict on each point of the plane (colour bar); the arrows show where D&apos;s gradient pushes G&apos;s points. Circles mark the modes of the target: green when G covers them.</source>
        <translation>背景是 D 对平面上每个点的判断（见色条）；箭头表示 D 的梯度把 G 的点推向哪里。圆圈标出目标的各个模式：被 G 覆盖时为绿色。</translation>
    </message>
    <message>
        <source>critic score</source>
        <translation>评论器分数</translation>
    </message>
    <message>
        <source>modes covered: {0} / {1}</source>
        <translation>覆盖的模式：{0} / {1}</translation>
    </message>
</context>
<context>
    <name>HyperparamPanel</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>{0}: {1} — value not applied.</source>
        <translation>{0}：{1} —— 该值未生效。</translation>
    </message>
</context>
<context>
    <name>ImageClassifierStage</name>
    <message>
        <source>Inside the network</source>
        <extracomment>The attribution shown as the main view of its page. While training, the drawing is predicted again at most this often (seconds). Most redraws per second of the filters, their gradients and the confusion matrix. A request without an answer after this long no longer blocks new ones. Upper level of the gray image under a heat map (&gt;1 dims it so the heat shows). The pages of the stage. Colours of a right and a wrong prediction. Numbers on dark and on light cells of the confusion matrix. Cells brighter than this (luminance 0…1) get dark numbers. The main view&apos;s share of the training page (the digit and its feature maps). The input&apos;s share of the main view, and the least it gets (pixels) while that leaves the feature maps at least as much.</extracomment>
        <translation>网络内部</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <source>Attributions</source>
        <translation>归因</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Validation digit</source>
        <translation>验证集数字</translation>
    </message>
    <message>
        <source>Augment training images</source>
        <translation>增强训练图像</translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>First-layer filters</source>
        <translation>第一层卷积核</translation>
    </message>
    <message>
        <source>Confusion (validation)</source>
        <translation>混淆矩阵（验证集）</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>{layer} ({kind}): the first {shown} of {total} maps, {h}×{w}, each scaled to its own range 0…1.</source>
        <translation>{layer}（{kind}）：{total} 个特征图中的前 {shown} 个，{h}×{w}，每个按自身范围缩放到 0…1。</translation>
    </message>
    <message>
        <source>{layer} ({kind}): {total} maps, {h}×{w}, each scaled to its own range 0…1.</source>
        <translation>{layer}（{kind}）：{total} 个特征图，{h}×{w}，每个按自身范围缩放到 0…1。</translation>
    </message>
    <message>
        <source>Draw one digit, large, with the mouse or a pen.</source>
        <translation>用鼠标或手写笔写一个大大的数字。</translation>
    </message>
    <message>
        <source>What the network sees</source>
        <translation>网络看到的输入</translation>
    </message>
    <message>
        <source>Explain class</source>
        <translation>解释类别</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>First-layer gradients</source>
        <translation>第一层梯度</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Confusion</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Saliency</source>
        <translation>显著图（Saliency）</translation>
    </message>
    <message>
        <source>Integrated Gradients</source>
        <translation>积分梯度（Integrated Gradients）</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>{layer}: first {shown} of {total} channels, {h}×{w}</source>
        <translation>{layer}：{total} 个通道中的前 {shown} 个，{h}×{w}</translation>
    </message>
    <message>
        <source>{layer}: {total} channels, {h}×{w}</source>
        <translation>{layer}：{total} 个通道，{h}×{w}</translation>
    </message>
    <message>
        <source>Which pixels raise the class&apos;s score: 0 none, 1 most; integrated gradients also show the pixels against it (below 0).</source>
        <translation>哪些像素提高了该类别的得分：0 表示没有，1 表示最多；积分梯度还显示不利于该类别的像素（小于 0）。</translation>
    </message>
    <message>
        <source>Grad-CAM on {layer}: {h}×{w} upsampled to {H}×{W}.</source>
        <translation>Grad-CAM 取自 {layer}：{h}×{w} 上采样到 {H}×{W}。</translation>
    </message>
    <message>
        <source>Grad-CAM is empty: no positive evidence for this class at that layer.</source>
        <translation>Grad-CAM 为空：该层没有支持这个类别的正向证据。</translation>
    </message>
    <message>
        <source>true {0} · predicted {1} ({2:.0%})</source>
        <translation>真实 {0} · 预测 {1}（{2:.0%}）</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>计算中……</translation>
    </message>
    <message>
        <source>It is a {0} ({1:.0%})</source>
        <translation>这是 {0}（{1:.0%}）</translation>
    </message>
    <message>
        <source>Press Compute.</source>
        <translation>请按“计算”。</translation>
    </message>
    <message>
        <source>sample {0}, true {1}: class {2} explained (p = {3:.2f})</source>
        <translation>样本 {0}，真实类别 {1}：解释类别 {2}（p = {3:.2f}）</translation>
    </message>
</context>
<context>
    <name>ImageGanStage</name>
    <message>
        <source>Generated: row = digit asked for</source>
        <translation>生成结果：每行是指定的数字</translation>
    </message>
    <message>
        <source>digit</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Both networks are told the digit: row r of the grid is generated for digit r, with the same noise z in every row. Choose a digit to draw new samples of it.</source>
        <translation>两个网络都知道要哪个数字：网格的第 r 行是为数字 r 生成的，每行使用相同的噪声 z。选择一个数字即可生成它的新样本。</translation>
    </message>
    <message>
        <source>Generated from fixed noise</source>
        <translation>由固定噪声生成</translation>
    </message>
    <message>
        <source>Every cell keeps the same noise z during training: watch each cell turn into a digit. Beside it: real digits, for comparison.</source>
        <translation>训练期间每个格子都保持同一个噪声 z：看每个格子如何变成一个数字。旁边是真实数字，供对比。</translation>
    </message>
    <message>
        <source>Real digits</source>
        <translation>真实数字</translation>
    </message>
    <message>
        <source>Chosen digit</source>
        <translation>所选数字</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>生成结果</translation>
    </message>
    <message>
        <source>Digit:</source>
        <translation>数字：</translation>
    </message>
    <message>
        <source>Chosen digit: none yet</source>
        <translation>所选数字：尚未选择</translation>
    </message>
    <message>
        <source>Chosen digit: {0}</source>
        <translation>所选数字：{0}</translation>
    </message>
    <message>
        <source>mean D(real) = {0:.2f}   mean D(fake) = {1:.2f}</source>
        <translation>平均 D(真实) = {0:.2f}   平均 D(生成) = {1:.2f}</translation>
    </message>
</context>
<context>
    <name>KernelAnimationView</name>
    <message>
        <source>input (padded)</source>
        <extracomment>Side of the small input the kernel slides over. Largest kernel the animation shows (bigger ones make the dot product unreadable). Colour of the &quot;no output&quot; message and of refused inputs. A refused input (as in the hyperparameter panel). The calculator&apos;s inputs in the order of the control row, with fallbacks for a spec without them.</extracomment>
        <translation>输入（含填充）</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
</context>
<context>
    <name>LabPicker</name>
    <message>
        <source>Filter labs…</source>
        <translation>筛选实验……</translation>
    </message>
</context>
<context>
    <name>LanguageController</name>
    <message>
        <source>Switch to {0}</source>
        <extracomment>Language code -&gt; its name in that language (shown untranslated, as is usual).</extracomment>
        <translation>切换到 {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>dlviz — deep learning lab bench</source>
        <extracomment>However expensive a stage, a training lab shows a new frame at least this often. False pauses drawing (the session is still polled); used by benchmarks. A lab was opened (its key); classroom features listen to it. run_app shows the window with ``loading`` true, loads the rest behind it and then calls :meth:`finish_loading` (see dlviz/ui/app.py) what the stage shows (live or a rewound step); the only source of the snapshots the stage draws &quot;working… Cancel&quot; in the message bar while a stage&apos;s request takes long</extracomment>
        <translation>dlviz —— 深度学习实验台</translation>
    </message>
    <message>
        <source>Labs</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>讲义</translation>
    </message>
    <message>
        <source>About</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Step through</source>
        <translation>单步解析</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Step one batch</source>
        <translation>训练一个批次</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Record a step to walk through</source>
        <translation>记录一步以便逐层查看</translation>
    </message>
    <message>
        <source>Filter labs</source>
        <translation>筛选实验</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Step through: first event</source>
        <translation>单步解析：第一个事件</translation>
    </message>
    <message>
        <source>Step through: previous event</source>
        <translation>单步解析：上一个事件</translation>
    </message>
    <message>
        <source>Step through: next event</source>
        <translation>单步解析：下一个事件</translation>
    </message>
    <message>
        <source>Step through: last event</source>
        <translation>单步解析：最后一个事件</translation>
    </message>
    <message>
        <source>Device: {0} · torch threads: {1}</source>
        <translation>设备：{0} · torch 线程数：{1}</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>核心思想</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <source>Parameters here</source>
        <translation>本实验参数量</translation>
    </message>
    <message>
        <source>Training diverged: the loss is no longer a finite number. Training was paused and the last finite weights were kept. Try a smaller learning rate.</source>
        <translation>训练发散：损失已不是有限数。训练已暂停，并保留了最后一组有限的权重。请尝试更小的学习率。</translation>
    </message>
    <message>
        <source>The GPU ran out of memory. Training was paused.</source>
        <translation>GPU 显存不足，训练已暂停。</translation>
    </message>
    <message>
        <source>Continue on the CPU</source>
        <translation>改用 CPU 继续</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation>出错了：{0}</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>building…</source>
        <translation>构建中……</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
</context>
<context>
    <name>MenuTitles</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Details…</source>
        <translation>详情……</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>No lesson notes for this lab yet.</source>
        <extracomment>Smallest body size in points, readable from the back of a classroom. Body size relative to the application font (before the panel&apos;s own scale).</extracomment>
        <translation>这个实验还没有讲义。</translation>
    </message>
    <message>
        <source>This lesson note could not be read.</source>
        <translation>无法读取这份讲义。</translation>
    </message>
    <message>
        <source>No translation yet: showing the English note.</source>
        <translation>暂无译文：显示英文讲义。</translation>
    </message>
    <message>
        <source>Hide answer</source>
        <translation>隐藏答案</translation>
    </message>
    <message>
        <source>Reveal answer</source>
        <translation>显示答案</translation>
    </message>
</context>
<context>
    <name>OptimizersStage</name>
    <message>
        <source>Update rule of</source>
        <extracomment>One colour per optimizer (the theme&apos;s palette), readable on the colour map (lines and markers get a dark outline). Short names under the loss bars. Outline of lines and markers drawn on the colour map, and the fill of the start and critical-point markers: dark and light whatever the theme (the map is the same in both). A path shows a dot at each step while it has at most this many points.</extracomment>
        <translation>更新规则：</translation>
    </message>
    <message>
        <source>Click on the map to start every optimizer there.</source>
        <translation>在图上点击，让所有优化器从那里出发。</translation>
    </message>
    <message>
        <source>Loss surface</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>Gap to the lowest loss</source>
        <translation>与最低损失之差</translation>
    </message>
    <message>
        <source>Update rule</source>
        <translation>更新规则</translation>
    </message>
    <message>
        <source>Loss gaps</source>
        <translation>损失差</translation>
    </message>
    <message>
        <source>{surface}: f(x, y) = {formula}</source>
        <translation>{surface}：f(x, y) = {formula}</translation>
    </message>
    <message>
        <source>, gradient noise σ = {0:g}</source>
        <translation>，梯度噪声 σ = {0:g}</translation>
    </message>
    <message>
        <source>{0}.</source>
        <translation>{0}。</translation>
    </message>
    <message>
        <source>the saddle point</source>
        <translation>鞍点</translation>
    </message>
    <message>
        <source>the minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Colour: log₁₀(loss − lowest).</source>
        <translation>颜色：log₁₀(损失 − 最低值)。</translation>
    </message>
    <message>
        <source>□ start, ★ {0}, ● each optimizer now, ✕ stopped (it left the map or diverged).</source>
        <translation>□ 起点，★ {0}，● 各优化器当前位置，✕ 已停止（离开了地图或发散）。</translation>
    </message>
    <message>
        <source>Surface: {0}</source>
        <translation>曲面：{0}</translation>
    </message>
    <message>
        <source>Stopped: the steps grew without bound.</source>
        <translation>已停止：步长无限增大。</translation>
    </message>
    <message>
        <source>Stopped: it left the map.</source>
        <translation>已停止：它跑出了图的范围。</translation>
    </message>
</context>
<context>
    <name>PresentationController</name>
    <message>
        <source>Presentation mode</source>
        <extracomment>The application font before any presentation scaling (shared by every window).</extracomment>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Larger text (presentation)</source>
        <translation>放大文字（演示模式）</translation>
    </message>
    <message>
        <source>Smaller text (presentation)</source>
        <translation>缩小文字（演示模式）</translation>
    </message>
    <message>
        <source>Zoom the panel under the mouse</source>
        <translation>放大鼠标所指的面板</translation>
    </message>
    <message>
        <source>Back: restore the panel or leave presentation</source>
        <translation>返回：还原面板或退出演示模式</translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation>深色主题</translation>
    </message>
    <message>
        <source>Next colour map</source>
        <translation>下一种配色</translation>
    </message>
    <message>
        <source>Next signed-value colour map</source>
        <translation>下一种正负值配色</translation>
    </message>
    <message>
        <source>Colour map</source>
        <translation>配色</translation>
    </message>
    <message>
        <source>Colour map for signed values</source>
        <translation>正负值配色</translation>
    </message>
</context>
<context>
    <name>SegmentationStage</name>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Probability of</source>
        <translation>概率：</translation>
    </message>
    <message>
        <source>Masks</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>Transposed convolution</source>
        <translation>转置卷积</translation>
    </message>
    <message>
        <source>Predicted mask over the input</source>
        <translation>叠加在输入上的预测掩码</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>True mask</source>
        <translation>真实掩码</translation>
    </message>
    <message>
        <source>Validation IoU</source>
        <translation>验证集 IoU</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>IoU</source>
        <translation>IoU</translation>
    </message>
    <message>
        <source>Inputs per output cell</source>
        <translation>每个输出格的输入数</translation>
    </message>
    <message>
        <source>{name}: {n} → {out} (k = {kernel}, s = {stride}, p = {padding})</source>
        <translation>{name}：{n} → {out}（k = {kernel}，s = {stride}，p = {padding}）</translation>
    </message>
    <message>
        <source>Skip connection on: the 1/4-size features add their scores, for finer edges.</source>
        <translation>跳跃连接已开启：1/4 尺寸的特征也加上各自的得分，边缘更精细。</translation>
    </message>
    <message>
        <source>No skip connection: the scores come from the 1/8-size features alone.</source>
        <translation>没有跳跃连接：得分只来自 1/8 尺寸的特征。</translation>
    </message>
    <message>
        <source>Probability per pixel</source>
        <translation>每个像素的概率</translation>
    </message>
    <message>
        <source>input n</source>
        <translation>输入 n</translation>
    </message>
    <message>
        <source>kernel k</source>
        <translation>卷积核 k</translation>
    </message>
    <message>
        <source>stride s</source>
        <translation>步幅 s</translation>
    </message>
    <message>
        <source>padding p</source>
        <translation>填充 p</translation>
    </message>
    <message>
        <source>background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>disc</source>
        <translation>圆盘</translation>
    </message>
    <message>
        <source>square</source>
        <translation>正方形</translation>
    </message>
    <message>
        <source>triangle</source>
        <translation>三角形</translation>
    </message>
    <message>
        <source>(n − 1)·s − 2p + k: the output size of a transposed convolution; the map counts the inputs that write into each output cell.</source>
        <translation>(n − 1)·s − 2p + k：转置卷积的输出尺寸；图中数出了写入每个输出格的输入个数。</translation>
    </message>
    <message>
        <source>This network (skip connection on):</source>
        <translation>本网络（开启跳跃连接）：</translation>
    </message>
    <message>
        <source>This network (no skip connection):</source>
        <translation>本网络（无跳跃连接）：</translation>
    </message>
    <message>
        <source>Mask colours: {0}. The network gives every pixel a class.</source>
        <translation>掩码颜色：{0}。网络为每个像素给出一个类别。</translation>
    </message>
    <message>
        <source>P({0}) per pixel</source>
        <translation>每个像素的 P({0})</translation>
    </message>
</context>
<context>
    <name>Seq2SeqStage</name>
    <message>
        <source>{0}  →  {1}   (target {2})</source>
        <extracomment>Marks drawn over the heatmaps: the true alignment, the query token&apos;s row. The causal mask: positions a query may attend to, and hidden ones. Colours of the sample&apos;s result in the caption. English templates of :func:`format_beam` and :func:`format_steps`; the stages pass their translations. the sample and its result, the validation metrics (shown in the caption)</extracomment>
        <translation>{0}  →  {1}   （目标 {2}）</translation>
    </message>
    <message>
        <source>{0}  →  class {1} ({2:.0%}), label {3}</source>
        <translation>{0}  →  类别 {1}（{2:.0%}），标签 {3}</translation>
    </message>
    <message>
        <source>val: sequences {0:.0%} · tokens {1:.0%} · BLEU {2:.3f}</source>
        <translation>验证：整句 {0:.0%} · 词元 {1:.0%} · BLEU {2:.3f}</translation>
    </message>
    <message>
        <source>val accuracy {0:.0%}</source>
        <translation>验证准确率 {0:.0%}</translation>
    </message>
    <message>
        <source>{0} true alignment</source>
        <translation>{0} 真实对齐</translation>
    </message>
    <message>
        <source>Attention weights {0} alignment</source>
        <translation>注意力权重 {0} 对齐</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>beam width k</source>
        <translation>束宽 k</translation>
    </message>
    <message>
        <source>Beam search keeps the k best partial outputs at every step. Press “Beam search” to decode this sample.</source>
        <translation>束搜索在每一步保留 k 个最好的部分输出。按“束搜索”解码这个样本。</translation>
    </message>
    <message>
        <source>source: {0}   target: {1}   k = {2}</source>
        <translation>输入：{0}   目标：{1}   k = {2}</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
    <message>
        <source>best: {0}</source>
        <translation>最佳：{0}</translation>
    </message>
    <message>
        <source>Beam search</source>
        <translation>束搜索</translation>
    </message>
</context>
<context>
    <name>SequenceStage</name>
    <message>
        <source>c — cell state</source>
        <translation>c —— 细胞状态</translation>
    </message>
    <message>
        <source>Compare RNN / LSTM / GRU</source>
        <translation>比较 RNN / LSTM / GRU</translation>
    </message>
    <message>
        <source>Fresh networks of the same size on the same batch: how far back does the gradient reach?</source>
        <translation>同样大小的新网络、同一批数据：梯度能回传多远？</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>this network</source>
        <translation>当前网络</translation>
    </message>
    <message>
        <source>marked</source>
        <translation>标记位</translation>
    </message>
    <message>
        <source>input symbol</source>
        <translation>输入符号</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>f — forget gate</source>
        <extracomment>Gates squashed by σ into (0, 1); the others are signed and use a diverging map. Gates squashed by tanh into (−1, 1). The time cursor (dashed) and the chosen unit (dotted). Smallest value drawn on the log-scaled gradient plot.</extracomment>
        <translation>f —— 遗忘门</translation>
    </message>
    <message>
        <source>i — input gate</source>
        <translation>i —— 输入门</translation>
    </message>
    <message>
        <source>g = C̃ — candidate</source>
        <translation>g = C̃ —— 候选值</translation>
    </message>
    <message>
        <source>o — output gate</source>
        <translation>o —— 输出门</translation>
    </message>
    <message>
        <source>h — hidden state</source>
        <translation>h —— 隐藏状态</translation>
    </message>
    <message>
        <source>z — update gate</source>
        <translation>z —— 更新门</translation>
    </message>
    <message>
        <source>r — reset gate</source>
        <translation>r —— 重置门</translation>
    </message>
    <message>
        <source>h̃ — candidate</source>
        <translation>h̃ —— 候选值</translation>
    </message>
    <message>
        <source>Input and prediction</source>
        <translation>输入与预测</translation>
    </message>
    <message>
        <source>Gradient through time</source>
        <translation>随时间回传的梯度</translation>
    </message>
    <message>
        <source>Gates</source>
        <translation>门</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Equations</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>sample loss {0:.4f}</source>
        <translation>样本损失 {0:.4f}</translation>
    </message>
    <message>
        <source>(guessing the mean: {0:.3f})</source>
        <translation>（只猜均值：{0:.3f}）</translation>
    </message>
    <message>
        <source>sum {0:.2f} → predicted {1:.2f}</source>
        <translation>和 {0:.2f} → 预测 {1:.2f}</translation>
    </message>
    <message>
        <source>gradient norm: no step yet</source>
        <translation>梯度范数：尚未训练</translation>
    </message>
    <message>
        <source>‖g‖ = {0:.3g} ≤ threshold {1:g}: not clipped</source>
        <translation>‖g‖ = {0:.3g} ≤ 阈值 {1:g}：未裁剪</translation>
    </message>
    <message>
        <source>‖g‖ = {0:.3g} → clipped to {1:.3g} (threshold {2:g})</source>
        <translation>‖g‖ = {0:.3g} → 裁剪为 {1:.3g}（阈值 {2:g}）</translation>
    </message>
    <message>
        <source>‖g‖ = {0:.3g} (no clipping)</source>
        <translation>‖g‖ = {0:.3g}（不裁剪）</translation>
    </message>
    <message>
        <source>{0} time step t   {1} unit (their numbers: Equations)</source>
        <translation>{0} 时间步 t   {1} 单元（数值见“公式”）</translation>
    </message>
    <message>
        <source>time step t = {0}</source>
        <translation>时间步 t = {0}</translation>
    </message>
    <message>
        <source>t = {0}, unit {1}</source>
        <translation>t = {0}，第 {1} 个单元</translation>
    </message>
    <message>
        <source>fresh {0}</source>
        <translation>新 {0}</translation>
    </message>
</context>
<context>
    <name>ShortcutOverlay</name>
    <message>
        <source>Other</source>
        <extracomment>Window actions (made by the main window) and the menu each belongs in.</extracomment>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>ShortcutsController</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>SiameseStage</name>
    <message>
        <source>Embeddings by class</source>
        <extracomment>Colour roles (all from the theme&apos;s colour-blind-safe palette). Captions under digit images sit on the images&apos; black margin in either theme. Range of the temperature slider (log scale). The window&apos;s metric-curve panel (see :class:`DeckWithoutMetricCurves`).</extracomment>
        <translation>按类别的嵌入</translation>
    </message>
    <message>
        <source>Pair distances</source>
        <translation>样本对距离</translation>
    </message>
    <message>
        <source>A validation pair</source>
        <translation>一对验证样本</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>Distances</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>样本对</translation>
    </message>
    <message>
        <source>◀ Previous pair</source>
        <translation>◀ 上一对</translation>
    </message>
    <message>
        <source>Next pair ▶</source>
        <translation>下一对 ▶</translation>
    </message>
    <message>
        <source>margin {value:.2f}</source>
        <translation>间隔 {value:.2f}</translation>
    </message>
    <message>
        <source>threshold {value:.2f}</source>
        <translation>阈值 {value:.2f}</translation>
    </message>
    <message>
        <source>Each dot is a validation digit, placed by the network in 2-D.</source>
        <translation>每个点是一个验证集数字，由网络放置在二维平面上。</translation>
    </message>
    <message>
        <source>same</source>
        <translation>同类</translation>
    </message>
    <message>
        <source>different</source>
        <translation>不同类</translation>
    </message>
    <message>
        <source>{0} vs {1}: distance {2:.3f} {3} {4:.3f} → {5} {6}</source>
        <translation>{0} 对 {1}：距离 {2:.3f} {3} {4:.3f} → {5} {6}</translation>
    </message>
    <message>
        <source>Verification accuracy {0:.1f}% at the best threshold ({1}, {2}).</source>
        <translation>最佳阈值下的验证准确率 {0:.1f}%（{1}，{2}）。</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦距离</translation>
    </message>
    <message>
        <source>Euclidean</source>
        <translation>欧氏距离</translation>
    </message>
    <message>
        <source>shared weights</source>
        <translation>共享权重</translation>
    </message>
    <message>
        <source>two towers, unshared</source>
        <translation>两座塔，不共享权重</translation>
    </message>
    <message>
        <source>same class</source>
        <translation>同类</translation>
    </message>
    <message>
        <source>different class</source>
        <translation>不同类</translation>
    </message>
</context>
<context>
    <name>StartupLoader</name>
    <message>
        <source>Loading labs…</source>
        <extracomment>Modules a lab&apos;s task may import lazily on its worker thread; imported here first. Longest wait for the first paint (a window that is never exposed).</extracomment>
        <translation>正在加载实验…</translation>
    </message>
    <message>
        <source>Loading PyTorch optimizers…</source>
        <translation>正在加载 PyTorch 优化器…</translation>
    </message>
    <message>
        <source>Loading scikit-learn…</source>
        <translation>正在加载 scikit-learn…</translation>
    </message>
    <message>
        <source>Loading captum (attributions)…</source>
        <translation>正在加载 captum（归因）…</translation>
    </message>
    <message>
        <source>Loading the step recorder…</source>
        <translation>正在加载单步记录器…</translation>
    </message>
    <message>
        <source>Opening the lab…</source>
        <translation>正在打开实验…</translation>
    </message>
</context>
<context>
    <name>StepButtons</name>
    <message>
        <source>Step D</source>
        <extracomment>The data (real samples, the data density). The generator (generated samples, its density, z → G(z)). The discriminator D(x). The optimal discriminator D*(x). The pull of D&apos;s gradient on generated points. The noise grid warped by G. A mode of the target that G covers / misses. Digits seen in training / the held-out digit (autoencoder anomaly histogram).</extracomment>
        <translation>训练 D 一步</translation>
    </message>
    <message>
        <source>Step G</source>
        <translation>训练 G 一步</translation>
    </message>
    <message>
        <source>Step D + G</source>
        <translation>训练 D + G 一步</translation>
    </message>
</context>
<context>
    <name>StepThroughPanel</name>
    <message>
        <source>Record a step</source>
        <extracomment>The user wants a new step recorded (the window forwards it to the engine). The current event changed (its index). the navigation row; the window may move it into its tab bar&apos;s corner (it then gives its height to the inspector) the user dragged the handle: keep their split from then on The diagram&apos;s share of the width (the inspector gets the rest); less on a narrow stage, where the three tensor panes need the room.</extracomment>
        <translation>录制一步</translation>
    </message>
    <message>
        <source>First event (Home)</source>
        <translation>第一个事件 (Home)</translation>
    </message>
    <message>
        <source>Previous event (←)</source>
        <translation>上一个事件 (←)</translation>
    </message>
    <message>
        <source>Next event (→)</source>
        <translation>下一个事件 (→)</translation>
    </message>
    <message>
        <source>Last event (End)</source>
        <translation>最后一个事件 (End)</translation>
    </message>
    <message>
        <source>Train one step while recording it</source>
        <translation>训练一步并录制全过程</translation>
    </message>
    <message>
        <source>layer (forward order)</source>
        <translation>层（前向顺序）</translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation>每层梯度范数</translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>No step yet — press T</source>
        <translation>尚未录制 — 按 T</translation>
    </message>
    <message>
        <source>No step recorded yet</source>
        <translation>尚未录制任何一步</translation>
    </message>
    <message>
        <source>Layer {0}: {1}</source>
        <translation>第 {0} 层：{1}</translation>
    </message>
</context>
<context>
    <name>TransformerStage</name>
    <message>
        <source>{0}  →  {1}   (target {2})</source>
        <translation>{0}  →  {1}   （目标 {2}）</translation>
    </message>
    <message>
        <source>{0}  →  class {1} ({2:.0%}), label {3}</source>
        <translation>{0}  →  类别 {1}（{2:.0%}），标签 {3}</translation>
    </message>
    <message>
        <source>val: sequences {0:.0%} · tokens {1:.0%} · BLEU {2:.3f}</source>
        <translation>验证：整句 {0:.0%} · 词元 {1:.0%} · BLEU {2:.3f}</translation>
    </message>
    <message>
        <source>val accuracy {0:.0%}</source>
        <translation>验证准确率 {0:.0%}</translation>
    </message>
    <message>
        <source>{0} query token (its row: what it attends to)</source>
        <translation>{0} 查询词元（它那一行：它关注哪里）</translation>
    </message>
    <message>
        <source>query “{0}” (position {1}), layer {2}, head {3}</source>
        <translation>查询“{0}”（位置 {1}），第 {2} 层，第 {3} 个头</translation>
    </message>
    <message>
        <source>√d = {0:.2f}</source>
        <translation>√d = {0:.2f}</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>遮住后</translation>
    </message>
    <message>
        <source>output = Σ softmax · v =</source>
        <translation>输出 = Σ softmax · v =</translation>
    </message>
    <message>
        <source>encoder self-attention</source>
        <translation>编码器自注意力</translation>
    </message>
    <message>
        <source>scores QKᵀ/√d at step 0: {range} (σ {std})</source>
        <translation>第 0 步的分数 QKᵀ/√d：{range}（σ {std}）</translation>
    </message>
    <message>
        <source>now: {range} (σ {std})</source>
        <translation>现在：{range}（σ {std}）</translation>
    </message>
    <message>
        <source>{name}: {range} (σ {std})</source>
        <translation>{name}：{range}（σ {std}）</translation>
    </message>
    <message>
        <source>decoder masked self-attention</source>
        <translation>解码器掩码自注意力</translation>
    </message>
    <message>
        <source>cross-attention (decoder → encoder)</source>
        <translation>交叉注意力（解码器 → 编码器）</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>query token</source>
        <translation>查询词元</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Step through QKᵀ/√d → softmax → ×V</source>
        <translation>逐步查看 QKᵀ/√d → softmax → ×V</translation>
    </message>
    <message>
        <source>Mask {0} seen {1} hidden</source>
        <translation>掩码 {0} 可见 {1} 遮住</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>Causal mask</source>
        <translation>因果掩码</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Step-through</source>
        <translation>逐步计算</translation>
    </message>
    <message>
        <source>Choose the attention, layer, query token and head, then press “Step through” to see the numbers.</source>
        <translation>选择注意力类型、层、查询词元和头，然后按“逐步查看”看具体数值。</translation>
    </message>
    <message>
        <source>Positional encoding</source>
        <translation>位置编码</translation>
    </message>
    <message>
        <source>head {0}</source>
        <translation>第 {0} 个头</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Train one batch (S)</source>
        <translation>训练一个批次（S）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Re-initialise with the seed (R)</source>
        <translation>用随机种子重新初始化（R）</translation>
    </message>
    <message>
        <source>Step through</source>
        <translation>单步解析</translation>
    </message>
    <message>
        <source>Record one training step to walk through forward and backward (T)</source>
        <translation>记录一个训练步，逐层查看前向与反向传播（T）</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>{0} steps/s</source>
        <translation>{0} 步/秒</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Acc</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Val acc</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause training (Space)</source>
        <translation>暂停训练（空格）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Train continuously (Space)</source>
        <translation>持续训练（空格）</translation>
    </message>
</context>
<context>
    <name>core</name>
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
        <source>Wasserstein (WGAN)</source>
        <translation>推土机距离（WGAN）</translation>
    </message>
    <message>
        <source>Wasserstein with gradient penalty (WGAN-GP)</source>
        <translation>推土机距离加梯度惩罚（WGAN-GP）</translation>
    </message>
</context>
</TS>
