<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
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
        <source>query “{0}” (position {1}), layer {2}, head {3}</source>
        <translation>查询“{0}”（位置 {1}），第 {2} 层，第 {3} 个头</translation>
    </message>
    <message>
        <source>√d = {0:.2f}</source>
        <translation>√d = {0:.2f}</translation>
    </message>
    <message>
        <source>output = Σ softmax · v =</source>
        <translation>输出 = Σ softmax · v =</translation>
    </message>
</context>
<context>
    <name>AugmentStage</name>
    <message>
        <source>Digit number</source>
        <extracomment>Side of the preview images (as the CNN labs upsample the 8×8 digits). Preview settings shown first, so the grid already varies when the tool opens.</extracomment>
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
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>{n} random training versions of the same digit</source>
        <translation>同一个数字的 {n} 个随机训练版本</translation>
    </message>
    <message>
        <source>class {c}</source>
        <translation>类别 {c}</translation>
    </message>
</context>
<context>
    <name>AutoencoderStage</name>
    <message>
        <source>Latent codes (colour = digit)</source>
        <translation>隐空间编码（颜色表示数字）</translation>
    </message>
    <message>
        <source>Decoded latent grid</source>
        <translation>隐空间网格的解码结果</translation>
    </message>
    <message>
        <source>Inputs (top) and reconstructions (bottom)</source>
        <translation>输入（上）与重建（下）</translation>
    </message>
    <message>
        <source>Decoded random codes</source>
        <translation>随机编码的解码结果</translation>
    </message>
    <message>
        <source>Error: seen vs held-out digit</source>
        <translation>误差：见过的数字对比留出的数字</translation>
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
        <source>Decision boundary — dots: training, crosses: validation</source>
        <translation>决策边界 —— 圆点：训练集，叉号：验证集</translation>
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
        <source>One convolution layer</source>
        <translation>单个卷积层</translation>
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
        <source>Comparisons for the current channels</source>
        <translation>按当前通道数的对比</translation>
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
        <extracomment>Bright class colours that read on a dark scene (Okabe-Ito without black). Mask colours: background dark gray, then one colour per class. At most this many detections are captioned with class and score (the best ones).</extracomment>
        <translation>场景</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Scene and true boxes</source>
        <translation>场景与真实框</translation>
    </message>
    <message>
        <source>Object probability per cell</source>
        <translation>每个格子的目标概率</translation>
    </message>
    <message>
        <source>Validation (IoU ≥ 0.5)</source>
        <translation>验证集（IoU ≥ 0.5）</translation>
    </message>
    <message>
        <source>Score ≥ {0:.2f}</source>
        <translation>得分 ≥ {0:.2f}</translation>
    </message>
    <message>
        <source>NMS IoU &gt; {0:.2f}</source>
        <translation>NMS IoU &gt; {0:.2f}</translation>
    </message>
    <message>
        <source>{0} of {1} anchors matched (IoU ≥ {2:.2f})</source>
        <translation>{1} 个锚框中有 {0} 个匹配（IoU ≥ {2:.2f}）</translation>
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
        <source>{0} × {0} cells × {1} anchors per cell = {2} anchors; each predicts a class and 4 offsets.</source>
        <translation>{0} × {0} 个格子 × 每格 {1} 个锚框 = {2} 个锚框；每个锚框预测一个类别和 4 个偏移量。</translation>
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
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Digit</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Hard label</source>
        <translation>硬标签</translation>
    </message>
    <message>
        <source>Students: validation accuracy</source>
        <translation>学生网络：验证准确率</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
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
        <translation>数值分布</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>shapes: {0} → {1}</source>
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
        <source>Data (black), generator (green), D(x) (blue), optimal D (pink)</source>
        <translation>数据（黑）、生成器（绿）、D(x)（蓝）、最优 D（粉）</translation>
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
        <source>data density</source>
        <translation>数据密度</translation>
    </message>
    <message>
        <source>generator density</source>
        <translation>生成器密度</translation>
    </message>
    <message>
        <source>max |D(x) − ½| on the data: {0:.3f}</source>
        <translation>数据上的 max |D(x) − ½|：{0:.3f}</translation>
    </message>
</context>
<context>
    <name>Gan2dStage</name>
    <message>
        <source>Data (grey), generated (green), D (colour), pull on G&apos;s points (arrows)</source>
        <translation>数据（灰）、生成（绿）、D（颜色）、G 的点受到的拉力（箭头）</translation>
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
        <extracomment>While training, the drawing is predicted again at most this often (seconds). Most redraws per second of the filters, their gradients and the confusion matrix. A request without an answer after this long no longer blocks new ones. Upper level of the gray image under a heat map (&gt;1 dims it so the heat shows). The user picked another layer (its path).</extracomment>
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
        <source>Their gradients</source>
        <translation>它们的梯度</translation>
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
        <source>Generated: row = digit asked for (0–9)</source>
        <translation>生成结果：每行是指定的数字（0–9）</translation>
    </message>
    <message>
        <source>Generated from fixed noise</source>
        <translation>由固定噪声生成</translation>
    </message>
    <message>
        <source>Real digits</source>
        <translation>真实数字</translation>
    </message>
    <message>
        <source>New samples of the chosen digit</source>
        <translation>所选数字的新样本</translation>
    </message>
    <message>
        <source>Digit:</source>
        <translation>数字：</translation>
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
        <extracomment>Side of the small input the kernel slides over. Largest kernel the animation shows (bigger ones make the dot product unreadable).</extracomment>
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
        <extracomment>False pauses drawing (the session is still polled); used by benchmarks. A lab was opened (its key); classroom features listen to it.</extracomment>
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
        <source>Accuracy and other metrics</source>
        <translation>准确率及其他指标</translation>
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
        <source>Device: {0} · torch threads: {1}</source>
        <translation>设备：{0} · torch 线程数：{1}</translation>
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
        <extracomment>One colour per optimizer, readable on the colour map (lines get a dark outline). Short names under the loss bars.</extracomment>
        <translation>更新规则：</translation>
    </message>
    <message>
        <source>Colour: log₁₀(loss − lowest). Square: start. Star: </source>
        <translation>颜色：log₁₀(损失 − 最低值)。方块：起点。星号：</translation>
    </message>
    <message>
        <source>Click on the map to start every optimizer there.</source>
        <translation>在图上点击，让所有优化器从那里出发。</translation>
    </message>
    <message>
        <source>Loss above the lowest value</source>
        <translation>损失与最低值之差</translation>
    </message>
    <message>
        <source>log₁₀ of the gap</source>
        <translation>差值的 log₁₀</translation>
    </message>
    <message>
        <source>the saddle point.</source>
        <translation>鞍点。</translation>
    </message>
    <message>
        <source>the minimum.</source>
        <translation>最小值。</translation>
    </message>
    <message>
        <source>Loss surface</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>{surface}: {formula}</source>
        <translation>{surface}：{formula}</translation>
    </message>
    <message>
        <source>, gradient noise σ = {0:g}</source>
        <translation>，梯度噪声 σ = {0:g}</translation>
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
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>True mask</source>
        <translation>真实掩码</translation>
    </message>
    <message>
        <source>Predicted mask</source>
        <translation>预测掩码</translation>
    </message>
    <message>
        <source>IoU per class (validation)</source>
        <translation>各类别的 IoU（验证集）</translation>
    </message>
    <message>
        <source>Inputs writing into each output cell</source>
        <translation>写入每个输出格的输入数</translation>
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
        <source>{name}: {n} → {out}   (k = {kernel}, s = {stride}, p = {padding})</source>
        <translation>{name}：{n} → {out}   （k = {kernel}，s = {stride}，p = {padding}）</translation>
    </message>
    <message>
        <source>This network (skip connection on):</source>
        <translation>本网络（开启跳跃连接）：</translation>
    </message>
    <message>
        <source>This network (no skip connection):</source>
        <translation>本网络（没有跳跃连接）：</translation>
    </message>
    <message>
        <source>P({0}) per pixel</source>
        <translation>每个像素的 P({0})</translation>
    </message>
</context>
<context>
    <name>Seq2SeqStage</name>
    <message>
        <source>Attention weights (rows: output, columns: input); □ true alignment</source>
        <translation>注意力权重（行：输出，列：输入）；□ 为真实对齐</translation>
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
        <source>sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>beam width k</source>
        <translation>束宽 k</translation>
    </message>
    <message>
        <source>Beam search</source>
        <translation>束搜索</translation>
    </message>
</context>
<context>
    <name>SequenceStage</name>
    <message>
        <source>f — forget gate (0…1)</source>
        <extracomment>Gates squashed by σ into (0, 1); the others are signed and use a diverging map. Smallest value drawn on the log-scaled gradient plot.</extracomment>
        <translation>f —— 遗忘门（0…1）</translation>
    </message>
    <message>
        <source>i — input gate (0…1)</source>
        <translation>i —— 输入门（0…1）</translation>
    </message>
    <message>
        <source>g = C̃ — candidate (−1…1)</source>
        <translation>g = C̃ —— 候选值（−1…1）</translation>
    </message>
    <message>
        <source>o — output gate (0…1)</source>
        <translation>o —— 输出门（0…1）</translation>
    </message>
    <message>
        <source>c — cell state</source>
        <translation>c —— 细胞状态</translation>
    </message>
    <message>
        <source>h — hidden state (−1…1)</source>
        <translation>h —— 隐藏状态（−1…1）</translation>
    </message>
    <message>
        <source>z — update gate (0…1)</source>
        <translation>z —— 更新门（0…1）</translation>
    </message>
    <message>
        <source>r — reset gate (0…1)</source>
        <translation>r —— 重置门（0…1）</translation>
    </message>
    <message>
        <source>h̃ — candidate (−1…1)</source>
        <translation>h̃ —— 候选值（−1…1）</translation>
    </message>
    <message>
        <source>Input, target and prediction</source>
        <translation>输入、目标与预测</translation>
    </message>
    <message>
        <source>Gradient through time ‖∂L/∂h_t‖</source>
        <translation>随时间回传的梯度 ‖∂L/∂h_t‖</translation>
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
        <source>Embeddings of validation digits (by class)</source>
        <extracomment>Range of the temperature slider (log scale).</extracomment>
        <translation>验证集数字的嵌入（按类别着色）</translation>
    </message>
    <message>
        <source>Pair distances: same class vs different class</source>
        <translation>样本对距离：同类对比不同类</translation>
    </message>
    <message>
        <source>A validation pair</source>
        <translation>一对验证样本</translation>
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
        <source>Verification accuracy {0:.1f}% at the best threshold; margin m = {1:g} ({2}, {3})</source>
        <translation>最佳阈值下的验证准确率 {0:.1f}%；间隔 m = {1:g}（{2}，{3}）</translation>
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
    <name>StepButtons</name>
    <message>
        <source>Step D</source>
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
        <source>|◀</source>
        <extracomment>The user wants a new step recorded (the window forwards it to the engine). The current event changed (its index).</extracomment>
        <translation>|◀</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 后退</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>单步 ▶</translation>
    </message>
    <message>
        <source>▶|</source>
        <translation>▶|</translation>
    </message>
    <message>
        <source>Record a step</source>
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
        <source>No step recorded yet — press “Record a new step” (T).</source>
        <translation>还没有记录任何一步 —— 请按“记录新的一步”（T）。</translation>
    </message>
    <message>
        <source>No step recorded yet</source>
        <translation>尚未录制任何一步</translation>
    </message>
    <message>
        <source>Gradient norm per layer — {0}: {1} = {2}</source>
        <translation>每层梯度范数 — {0}：{1} = {2}</translation>
    </message>
</context>
<context>
    <name>TransformerStage</name>
    <message>
        <source>encoder self-attention</source>
        <translation>编码器自注意力</translation>
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
        <source>Causal mask (dark: hidden)</source>
        <translation>因果掩码（深色：被遮住）</translation>
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
    <name>_AttentionStage</name>
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
</context>
</TS>
