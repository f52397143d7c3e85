<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <source>LossLab keeps running; the details are in the log.</source>
        <translation>LossLab 会继续运行；详细信息见日志。</translation>
    </message>
    <message>
        <source>Set K</source>
        <translation>设置 K</translation>
    </message>
    <message>
        <source>Set the true class</source>
        <translation>设置真实类别</translation>
    </message>
    <message>
        <source>CE unit</source>
        <translation>CE 单位</translation>
    </message>
    <message>
        <source>MSE reduction</source>
        <translation>MSE 归约方式</translation>
    </message>
    <message>
        <source>Overview x axis</source>
        <translation>概览的 x 轴</translation>
    </message>
    <message>
        <source>Log gradient view</source>
        <translation>对数梯度视图</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Log gradient colours</source>
        <translation>对数梯度着色</translation>
    </message>
    <message>
        <source>Slow-learning threshold</source>
        <translation>学习缓慢阈值</translation>
    </message>
    <message>
        <source>Training settings</source>
        <translation>训练设置</translation>
    </message>
    <message>
        <source>Race settings</source>
        <translation>竞速设置</translation>
    </message>
    <message>
        <source>Show a view</source>
        <translation>切换视图</translation>
    </message>
    <message>
        <source>Edit z_%1</source>
        <translation>编辑 z_%1</translation>
    </message>
    <message>
        <source>Rename a class</source>
        <translation>重命名类别</translation>
    </message>
    <message>
        <source>Surface mode</source>
        <translation>曲面模式</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>竞争类别</translation>
    </message>
    <message>
        <source>Surface range</source>
        <translation>曲面范围</translation>
    </message>
    <message>
        <source>Move on a surface</source>
        <translation>在曲面上移动</translation>
    </message>
    <message>
        <source>Prediction: </source>
        <translation>预测：</translation>
    </message>
    <message>
        <source>Race step</source>
        <translation>竞速单步</translation>
    </message>
    <message>
        <source>Training epoch</source>
        <translation>训练轮次</translation>
    </message>
    <message>
        <source>Logits of a data point (%1 network)</source>
        <translation>数据点的对数几率（%1 网络）</translation>
    </message>
    <message>
        <source>This point under the %1 network: s_p = %2</source>
        <translation>此点在 %1 网络下：s_p = %2</translation>
    </message>
    <message>
        <source> — confidently wrong; see on the other views why MSE ignores it</source>
        <translation>——高置信度误判；在其他视图中可以看到 MSE 为何忽略它</translation>
    </message>
    <message>
        <source>Move on the simplex</source>
        <translation>在单纯形上移动</translation>
    </message>
    <message>
        <source>Step %1: </source>
        <translation>第 %1 步：</translation>
    </message>
    <message>
        <source>s_p %1 under CE, %2 under MSE</source>
        <translation>CE 下 s_p 为 %1，MSE 下为 %2</translation>
    </message>
    <message>
        <source>Epoch %1: </source>
        <translation>第 %1 轮：</translation>
    </message>
    <message>
        <source>accuracy %1 %</source>
        <translation>准确率 %1 %</translation>
    </message>
    <message>
        <source>View: %1</source>
        <translation>视图：%1</translation>
    </message>
    <message>
        <source>True class: %1 (class %2 of %3)</source>
        <translation>真实类别：%1（第 %2 类，共 %3 类）</translation>
    </message>
    <message>
        <source>Cross-entropy L_CE = %1 %2</source>
        <translation>交叉熵 L_CE = %1 %2</translation>
    </message>
    <message>
        <source>Squared error L_MSE = %1 (%2)</source>
        <translation>平方误差 L_MSE = %1（%2）</translation>
    </message>
    <message>
        <source>Gradient of L_CE on z_p: %1</source>
        <translation>L_CE 在 z_p 上的梯度：%1</translation>
    </message>
    <message>
        <source>Gradient of L_MSE on z_p: %1</source>
        <translation>L_MSE 在 z_p 上的梯度：%1</translation>
    </message>
    <message>
        <source>The article&apos;s single-path MSE term: %1</source>
        <translation>文章中单路径的 MSE 项：%1</translation>
    </message>
    <message>
        <source>Per class (logit, probability, ∂L_CE/∂z_k, ∂L_MSE/∂z_k):</source>
        <translation>各类别（对数几率，概率，∂L_CE/∂z_k，∂L_MSE/∂z_k）：</translation>
    </message>
    <message>
        <source>Surfaces over z_p from %1 to %2 and %3 from %4 to %5, %6 points a side</source>
        <translation>曲面范围：z_p 从 %1 到 %2，%3 从 %4 到 %5，每边 %6 个点</translation>
    </message>
    <message>
        <source>On the triangle: </source>
        <translation>三角形上：</translation>
    </message>
    <message>
        <source>The race is being computed.</source>
        <translation>正在计算竞速。</translation>
    </message>
    <message>
        <source>%1 reaches s_p ≥ %2: %3</source>
        <translation>%1 达到 s_p ≥ %2：%3</translation>
    </message>
    <message>
        <source>not within %1 steps</source>
        <translation>%1 步内未达到</translation>
    </message>
    <message>
        <source>in %1 steps</source>
        <translation>用了 %1 步</translation>
    </message>
    <message>
        <source>y = mean of the other logits</source>
        <translation>y = 其他对数几率的平均值</translation>
    </message>
    <message>
        <source>y = mean of the others</source>
        <translation>y = 其他的平均值</translation>
    </message>
    <message>
        <source>y = z_j, j = %1</source>
        <translation>y = z_j，j = %1</translation>
    </message>
    <message>
        <source>Scene caption</source>
        <translation>场景说明</translation>
    </message>
    <message>
        <source>Scenes of the lesson</source>
        <translation>课程的场景</translation>
    </message>
    <message>
        <source>Delete scene</source>
        <translation>删除场景</translation>
    </message>
    <message>
        <source>Number of classes K</source>
        <translation>类别数 K</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Cross-entropy unit</source>
        <translation>交叉熵的单位</translation>
    </message>
    <message>
        <source>Squared error: sum or mean</source>
        <translation>平方误差：求和或平均</translation>
    </message>
    <message>
        <source>Values per class</source>
        <translation>各类别的数值</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Probability bars</source>
        <translation>概率条形图</translation>
    </message>
    <message>
        <source>Gradient bars, CE and MSE per class</source>
        <translation>梯度条形图：各类别的 CE 与 MSE</translation>
    </message>
    <message>
        <source>Loss against z_p</source>
        <translation>损失随 z_p 的变化</translation>
    </message>
    <message>
        <source>Gradient on z_p against z_p</source>
        <translation>z_p 上的梯度随 z_p 的变化</translation>
    </message>
    <message>
        <source>Second axis of the surfaces</source>
        <translation>曲面的第二个轴</translation>
    </message>
    <message>
        <source>Competing class</source>
        <translation>竞争类别</translation>
    </message>
    <message>
        <source>Smallest z_p shown</source>
        <translation>显示的最小 z_p</translation>
    </message>
    <message>
        <source>Largest z_p shown</source>
        <translation>显示的最大 z_p</translation>
    </message>
    <message>
        <source>Smallest y shown</source>
        <translation>显示的最小 y</translation>
    </message>
    <message>
        <source>Largest y shown</source>
        <translation>显示的最大 y</translation>
    </message>
    <message>
        <source>Surface resolution</source>
        <translation>曲面分辨率</translation>
    </message>
    <message>
        <source>Open a 3D view</source>
        <translation>打开三维视图</translation>
    </message>
    <message>
        <source>CE loss surface</source>
        <translation>CE 损失曲面</translation>
    </message>
    <message>
        <source>MSE loss surface</source>
        <translation>MSE 损失曲面</translation>
    </message>
    <message>
        <source>CE gradient surface</source>
        <translation>CE 梯度曲面</translation>
    </message>
    <message>
        <source>MSE gradient surface</source>
        <translation>MSE 梯度曲面</translation>
    </message>
    <message>
        <source>Play or pause the race</source>
        <translation>播放或暂停竞速</translation>
    </message>
    <message>
        <source>Back to step 0</source>
        <translation>回到第 0 步</translation>
    </message>
    <message>
        <source>Race speed</source>
        <translation>竞速速度</translation>
    </message>
    <message>
        <source>True-class probability against step</source>
        <translation>真实类别的概率随步数的变化</translation>
    </message>
    <message>
        <source>Losses against step</source>
        <translation>损失随步数的变化</translation>
    </message>
    <message>
        <source>Training speed</source>
        <translation>训练速度</translation>
    </message>
    <message>
        <source>Training preset</source>
        <translation>训练预设</translation>
    </message>
    <message>
        <source>Decision regions of the CE network</source>
        <translation>CE 网络的决策区域</translation>
    </message>
    <message>
        <source>Decision regions of the MSE network</source>
        <translation>MSE 网络的决策区域</translation>
    </message>
    <message>
        <source>Training loss against epoch</source>
        <translation>训练损失随轮次的变化</translation>
    </message>
    <message>
        <source>Training accuracy against epoch</source>
        <translation>训练准确率随轮次的变化</translation>
    </message>
    <message>
        <source>Delete the selected scene</source>
        <translation>删除所选场景</translation>
    </message>
    <message>
        <source>What to export</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>导出格式</translation>
    </message>
    <message>
        <source>Name of class %1</source>
        <translation>类别 %1 的名称</translation>
    </message>
    <message>
        <source>Logit of %1</source>
        <translation>%1 的对数几率</translation>
    </message>
    <message>
        <source>Logit slider of %1</source>
        <translation>%1 的对数几率滑块</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>纳特</translation>
    </message>
    <message>
        <source>bits</source>
        <translation>比特</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>求和</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source> (true class)</source>
        <translation>（真实类别）</translation>
    </message>
    <message>
        <source>Probabilities: </source>
        <translation>概率：</translation>
    </message>
    <message>
        <source>Gradients: </source>
        <translation>梯度：</translation>
    </message>
    <message>
        <source>at</source>
        <translation>位于</translation>
    </message>
    <message>
        <source>Point at z_p = %1, %2 = %3: </source>
        <translation>当前点 z_p = %1，%2 = %3：</translation>
    </message>
    <message>
        <source>Classes K</source>
        <translation>类别数 K</translation>
    </message>
    <message>
        <source>True class p</source>
        <translation>真实类别 p</translation>
    </message>
    <message>
        <source>sum over classes</source>
        <translation>对类别求和</translation>
    </message>
    <message>
        <source>mean over classes</source>
        <translation>对类别取平均</translation>
    </message>
    <message>
        <source>Logits z_k</source>
        <translation>对数几率 z_k</translation>
    </message>
    <message>
        <source>MSE %1 (%2)</source>
        <translation>MSE %1（%2）</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Logits</source>
        <translation>对数几率</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Surfaces</source>
        <translation>曲面</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>竞速</translation>
    </message>
    <message>
        <source>Simplex</source>
        <translation>单纯形</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>讲解</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>&amp;Open session…</source>
        <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Copy values</source>
        <translation>复制数值(&amp;C)</translation>
    </message>
    <message>
        <source>Every number shown, as --report text prints it</source>
        <translation>当前显示的所有数值，格式与 --report text 的输出相同</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About LossLab</source>
        <translation>关于 LossLab(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Explain</source>
        <translation>讲解(&amp;E)</translation>
    </message>
    <message>
        <source>The derivation beside the plots, with the current numbers</source>
        <translation>在图旁给出推导，并代入当前数值</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Start the built-in lesson</source>
        <translation>开始内置课程(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Next scene</source>
        <translation>下一场景(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous scene</source>
        <translation>上一场景(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Add this view as a scene</source>
        <translation>将当前视图添加为场景(&amp;A)</translation>
    </message>
    <message>
        <source>Scene &amp;list</source>
        <translation>场景列表(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Describe this view</source>
        <translation>描述当前视图(&amp;D)</translation>
    </message>
    <message>
        <source>The current view&apos;s numbers as plain text, shown and copied to the clipboard</source>
        <translation>以纯文本显示当前视图的数值，并复制到剪贴板</translation>
    </message>
    <message>
        <source>Describe this view</source>
        <translation>描述当前视图</translation>
    </message>
    <message>
        <source>Description of the view</source>
        <translation>视图的描述</translation>
    </message>
    <message>
        <source>Description copied</source>
        <translation>描述已复制</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Lecture mode</source>
        <translation>讲课模式(&amp;L)</translation>
    </message>
    <message>
        <source>Large text and thick lines on a light background; clicker keys move the scenes</source>
        <translation>浅色背景上的大字和粗线；翻页笔的按键切换场景</translation>
    </message>
    <message>
        <source>&amp;Reduce motion</source>
        <translation>减少动画(&amp;R)</translation>
    </message>
    <message>
        <source>Play jumps to the end of a race or a training instead of animating it</source>
        <translation>播放时直接跳到竞速或训练的结尾，不播放动画</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>退出全屏</translation>
    </message>
    <message>
        <source>Lecture mode: PageDown/→ next scene, PageUp/← previous, B black, W white</source>
        <translation>讲课模式：PageDown/→ 下一场景，PageUp/← 上一场景，B 黑屏，W 白屏</translation>
    </message>
    <message>
        <source>Lecture mode off</source>
        <translation>讲课模式已关闭</translation>
    </message>
    <message>
        <source>Values copied</source>
        <translation>数值已复制</translation>
    </message>
    <message>
        <source>Preset: </source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>Cannot open session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Opened </source>
        <translation>已打开 </translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Cannot save session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Saved </source>
        <translation>已保存 </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>The current view</source>
        <translation>当前视图</translation>
    </message>
    <message>
        <source>Plot: </source>
        <translation>图：</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>The plots&apos; own (the theme&apos;s)</source>
        <translation>图自身的背景（主题的）</translation>
    </message>
    <message>
        <source>White</source>
        <translation>白色</translation>
    </message>
    <message>
        <source>Transparent (PNG and SVG)</source>
        <translation>透明（PNG 和 SVG）</translation>
    </message>
    <message>
        <source>CSV is for a single plot&apos;s numbers: choose a plot</source>
        <translation>CSV 只能导出单个图的数据：请选择一个图</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported </source>
        <translation>已导出 </translation>
    </message>
    <message>
        <source>CSV is not available for this plot: export it as PNG or SVG</source>
        <translation>此图不能导出为 CSV：请导出为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Scene %1</source>
        <translation>场景 %1</translation>
    </message>
    <message>
        <source>No lesson: Lesson &gt; Start the built-in lesson</source>
        <translation>没有课程：请选择“课程 &gt; 开始内置课程”</translation>
    </message>
    <message>
        <source>My lesson</source>
        <translation>我的课程</translation>
    </message>
    <message>
        <source>Added as scene %1</source>
        <translation>已添加为场景 %1</translation>
    </message>
    <message>
        <source>PageDown, →</source>
        <translation>向下翻页键、→</translation>
    </message>
    <message>
        <source>Lecture mode: next scene, whatever has the focus</source>
        <translation>讲课模式：下一场景，无论焦点在哪里</translation>
    </message>
    <message>
        <source>PageUp, ←</source>
        <translation>向上翻页键、←</translation>
    </message>
    <message>
        <source>Lecture mode: previous scene, whatever has the focus</source>
        <translation>讲课模式：上一场景，无论焦点在哪里</translation>
    </message>
    <message>
        <source>B, .</source>
        <translation>B、.</translation>
    </message>
    <message>
        <source>Lecture mode: blank the screen to black</source>
        <translation>讲课模式：黑屏</translation>
    </message>
    <message>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <source>Lecture mode: blank the screen to white</source>
        <translation>讲课模式：白屏</translation>
    </message>
    <message>
        <source>Any key</source>
        <translation>任意键</translation>
    </message>
    <message>
        <source>Lecture mode: return from the blank screen</source>
        <translation>讲课模式：从黑屏或白屏返回</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About LossLab</source>
        <translation>关于 LossLab</translation>
    </message>
    <message>
        <source>&lt;b&gt;LossLab&lt;/b&gt; shows why cross-entropy beats mean squared error for softmax classification: where the model is confidently wrong, ∂L_MSE/∂z_p = −2 s_p L_MSE vanishes with s_p, while ∂L_CE/∂z_p = s_p − 1 stays near −1.</source>
        <translation>&lt;b&gt;LossLab&lt;/b&gt; 展示在 softmax 分类中交叉熵损失为什么优于均方误差：模型以高置信度判错时，∂L_MSE/∂z_p = −2 s_p L_MSE 随 s_p 一起消失，而 ∂L_CE/∂z_p = s_p − 1 始终接近 −1。</translation>
    </message>
    <message>
        <source>Article, prediction A</source>
        <translation>文章中的预测 A</translation>
    </message>
    <message>
        <source>s = (0.8, 0.1, 0.1): MSE 0.060, CE 0.223</source>
        <translation>s = (0.8, 0.1, 0.1)：MSE 0.060，CE 0.223</translation>
    </message>
    <message>
        <source>Article, prediction B</source>
        <translation>文章中的预测 B</translation>
    </message>
    <message>
        <source>s = (0.8, 0.15, 0.05): MSE 0.065, CE 0.223 — MSE prefers A, CE cannot tell them apart</source>
        <translation>s = (0.8, 0.15, 0.05)：MSE 0.065，CE 0.223——MSE 偏好 A，CE 无法区分两者</translation>
    </message>
    <message>
        <source>Confidently wrong</source>
        <translation>高置信度误判</translation>
    </message>
    <message>
        <source>CE pulls hard, MSE barely moves</source>
        <translation>CE 用力拉回，MSE 几乎不动</translation>
    </message>
    <message>
        <source>Uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <source>every class at 1/3</source>
        <translation>每个类别都是 1/3</translation>
    </message>
    <message>
        <source>Nearly right</source>
        <translation>接近正确</translation>
    </message>
    <message>
        <source>s_p ≈ 0.91</source>
        <translation>s_p ≈ 0.91</translation>
    </message>
    <message>
        <source>Saturated right</source>
        <translation>饱和的正确预测</translation>
    </message>
    <message>
        <source>both gradients vanish: nothing left to learn</source>
        <translation>两个梯度都消失了：已无可学</translation>
    </message>
    <message>
        <source>The model is confidently wrong: s_p = %1.</source>
        <translation>模型以高置信度判错：s_p = %1。</translation>
    </message>
    <message>
        <source>The model is right: s_p = %1.</source>
        <translation>模型判断正确：s_p = %1。</translation>
    </message>
    <message>
        <source>The model leans the right way but is unsure: s_p = %1.</source>
        <translation>模型倾向正确，但把握不大：s_p = %1。</translation>
    </message>
    <message>
        <source>The model is unsure: s_p = %1, and %2 is more probable (%3).</source>
        <translation>模型没有把握：s_p = %1，而 %2 的概率更高（%3）。</translation>
    </message>
    <message>
        <source>Both gradients are 0 to float64 precision: nothing is left to learn.</source>
        <translation>在 float64 精度下两个梯度都为 0：已无可学。</translation>
    </message>
    <message>
        <source>MSE&apos;s gradient on z_p has vanished (0) while CE&apos;s is %1.</source>
        <translation>MSE 在 z_p 上的梯度已经消失（为 0），而 CE 的梯度为 %1。</translation>
    </message>
    <message>
        <source>Both gradients fade as s_p → 1 (CE %1, MSE %2); CE&apos;s is still %3× MSE&apos;s.</source>
        <translation>随着 s_p → 1，两个梯度都在减弱（CE %1，MSE %2）；CE 的梯度仍是 MSE 的 %3 倍。</translation>
    </message>
    <message>
        <source>CE pushes z_p up %1× harder than MSE.</source>
        <translation>CE 推高 z_p 的力度是 MSE 的 %1 倍。</translation>
    </message>
    <message>
        <source>Why CE keeps learning where MSE stalls</source>
        <translation>为什么 MSE 停滞之处 CE 仍在学习</translation>
    </message>
    <message>
        <source>Both losses reach the true logit %1 through the softmax, whose slope there is the factor</source>
        <translation>两种损失都要经过 softmax 才作用到真实类别的对数几率 %1，而 softmax 在此处的斜率就是因子</translation>
    </message>
    <message>
        <source>It vanishes where the model is confidently wrong (s_p → 0), so whatever multiplies it has to make up for it.</source>
        <translation>模型以高置信度判错时（s_p → 0），这个因子趋于 0，所以与它相乘的项必须把它补回来。</translation>
    </message>
    <message>
        <source>Cross-entropy cancels it: ∂L_CE/∂s_p = −1/s_p, so</source>
        <translation>交叉熵恰好把它消掉：∂L_CE/∂s_p = −1/s_p，因此</translation>
    </message>
    <message>
        <source>Squared error does not. Over all K paths through the softmax its gradient is the loss itself times −2 s_p:</source>
        <translation>平方误差则不然。对经过 softmax 的全部 K 条路径求和，它的梯度等于损失本身乘以 −2 s_p：</translation>
    </message>
    <message>
        <source>Where the model is confidently wrong the MSE loss is at its largest, yet its gradient on z_p goes to 0 with s_p, while CE&apos;s goes to −1. Their ratio:</source>
        <translation>模型以高置信度判错时 MSE 损失最大，但它在 z_p 上的梯度却随 s_p 趋于 0，而 CE 的梯度趋于 −1。两者之比：</translation>
    </message>
    <message>
        <source>The article writes −2 s_p (1 − s_p)², the one path through (1 − s_p)²; it leaves out the K − 1 paths through the other classes&apos; s_k²:</source>
        <translation>文章写的是 −2 s_p (1 − s_p)²，只是经过 (1 − s_p)² 的那一条路径；它略去了经过其他类别 s_k² 的 K − 1 条路径：</translation>
    </message>
    <message>
        <source>(the article&apos;s term)</source>
        <translation>（文章中的项）</translation>
    </message>
    <message>
        <source>(the paths it drops)</source>
        <translation>（被略去的路径）</translation>
    </message>
    <message>
        <source>(exact)</source>
        <translation>（精确值）</translation>
    </message>
    <message>
        <source>Both vanish like s_p as s_p → 0, so the article&apos;s conclusion stands.</source>
        <translation>当 s_p → 0 时，两者都像 s_p 一样趋于 0，所以文章的结论成立。</translation>
    </message>
    <message>
        <source>The first argument: what each loss rewards</source>
        <translation>第一个论点：两种损失各自奖励什么</translation>
    </message>
    <message>
        <source>Take the label (1, 0, 0) for (cat, tiger, dog) and two predictions, A = (%1) and B = (%2): both give the true class 0.8.</source>
        <translation>对（猫，老虎，狗）取标签 (1, 0, 0)，再取两个预测 A = (%1) 和 B = (%2)：两者给真实类别的概率都是 0.8。</translation>
    </message>
    <message>
        <source>MSE prefers A: it rewards spreading the wrong mass evenly, though nothing in a one-hot label says how alike the classes are (a tiger is more like a cat than a dog is). CE looks only at the true class.</source>
        <translation>MSE 偏好 A：它奖励把错误的概率平均分摊，可是独热编码的标签根本没有说明类别之间有多相似（与狗相比，老虎更像猫）。CE 只看真实类别。</translation>
    </message>
    <message>
        <source>On the triangle of all predictions, CE&apos;s level sets are the lines s_p = const and MSE&apos;s the circles around the true class&apos;s vertex; for more than three classes, on the triangle (s_p, s_j, rest), the rest&apos;s share enters MSE as R² ‖r‖², and the circles become ellipses.</source>
        <translation>在所有预测构成的三角形上，CE 的等值线是直线 s_p = const，MSE 的等值线是以真实类别顶点为圆心的圆；类别多于三个时，在三角形 (s_p, s_j, 其余) 上，其余类别的份额以 R² ‖r‖² 进入 MSE，圆就变成了椭圆。</translation>
    </message>
    <message>
        <source>The current prediction: s_p = %1, L_CE = %2, L_MSE = %3.</source>
        <translation>当前预测：s_p = %1，L_CE = %2，L_MSE = %3。</translation>
    </message>
    <message>
        <source>Why the step counts differ</source>
        <translation>为什么步数不同</translation>
    </message>
    <message>
        <source>Each step of gradient descent moves the logits by −η ∇L. On the true logit that is η (1 − s_p) under CE and η · 2 s_p L_MSE under MSE (the race counts CE in nats and MSE as a sum).</source>
        <translation>梯度下降的每一步把对数几率移动 −η ∇L。在真实类别的对数几率上，这一步在 CE 下是 η (1 − s_p)，在 MSE 下是 η · 2 s_p L_MSE（竞速中 CE 以纳特计，MSE 取求和）。</translation>
    </message>
    <message>
        <source>From the current logits one step of learning rate 1 raises z_p by %1 under CE and by %2 under MSE.</source>
        <translation>从当前的对数几率出发，学习率为 1 的一步在 CE 下使 z_p 增加 %1，在 MSE 下增加 %2。</translation>
    </message>
    <message>
        <source>CE&apos;s step stays close to η while the model is wrong, so it leaves a wrong start in a few steps. MSE&apos;s step is as small as s_p: from a confidently wrong start it crawls along a plateau whose length grows like 1/s_p before it speeds up. A larger learning rate shortens the plateau but does not remove it.</source>
        <translation>模型判错时，CE 的步长始终接近 η，所以几步就能离开错误的起点。MSE 的步长和 s_p 一样小：从高置信度误判的起点出发，它要先在平台期上缓慢爬行，平台期的长度像 1/s_p 一样增长，之后才会加速。更大的学习率能缩短平台期，但不能消除它。</translation>
    </message>
    <message>
        <source>What the toy network shows</source>
        <translation>小网络说明了什么</translation>
    </message>
    <message>
        <source>Every training point is one sample of the argument: its logits come from the network, and the gradient on its true logit is s_p − 1 under CE and −2 s_p L_MSE under MSE. Backpropagation multiplies these into every weight&apos;s gradient.</source>
        <translation>每个训练点都是这一论证的一个样本：它的对数几率来自网络，它在真实类别对数几率上的梯度在 CE 下是 s_p − 1，在 MSE 下是 −2 s_p L_MSE。反向传播把这些梯度乘进每个权重的梯度里。</translation>
    </message>
    <message>
        <source>From a saturated start (large initial weights) many points are confidently wrong. CE corrects them hardest; MSE hardly moves them, so its network keeps them wrong for many epochs. Click a point to load its logits into the editor and read its numbers here.</source>
        <translation>从饱和的起点（初始权重很大）出发，许多点被高置信度地判错。CE 对这些点纠正得最有力；MSE 几乎推不动它们，所以它的网络在许多轮里仍把它们判错。点击一个点，可把它的对数几率载入编辑器，并在这里查看它的数值。</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>讲解</translation>
    </message>
    <message>
        <source>x axis: z_p (true logit)</source>
        <translation>x 轴：z_p（真实类别的对数几率）</translation>
    </message>
    <message>
        <source>x axis: s_p (true probability)</source>
        <translation>x 轴：s_p（真实类别的概率）</translation>
    </message>
    <message>
        <source>log |∂L/∂z_p|</source>
        <translation>对数 |∂L/∂z_p|</translation>
    </message>
    <message>
        <source>Log scale: MSE&apos;s vanishing gradient is plain to see</source>
        <translation>对数刻度：MSE 梯度的消失一目了然</translation>
    </message>
    <message>
        <source>Softmax probabilities</source>
        <translation>softmax 概率</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>s_k</source>
        <translation>s_k</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>other classes</source>
        <translation>其他类别</translation>
    </message>
    <message>
        <source>Gradients ∂L/∂z_k</source>
        <translation>梯度 ∂L/∂z_k</translation>
    </message>
    <message>
        <source>∂L/∂z_k</source>
        <translation>∂L/∂z_k</translation>
    </message>
    <message>
        <source>Loss against the true logit</source>
        <translation>损失随真实类别对数几率的变化</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Gradient on the true logit</source>
        <translation>真实类别对数几率上的梯度</translation>
    </message>
    <message>
        <source>MSE, exact</source>
        <translation>MSE，精确</translation>
    </message>
    <message>
        <source>MSE, article (1 path)</source>
        <translation>MSE，文章（1 条路径）</translation>
    </message>
    <message>
        <source>1 step</source>
        <translation>1 步</translation>
    </message>
    <message>
        <source>{n} steps</source>
        <translation>{n} 步</translation>
    </message>
    <message>
        <source>Neither CE nor MSE reaches s_p ≥ {p} in {n}</source>
        <translation>CE 和 MSE 在 {n}内都未达到 s_p ≥ {p}</translation>
    </message>
    <message>
        <source>CE and MSE both start at s_p ≥ {p}</source>
        <translation>CE 和 MSE 的起点都已满足 s_p ≥ {p}</translation>
    </message>
    <message>
        <source>CE and MSE both reach s_p ≥ {p} in {n}</source>
        <translation>CE 和 MSE 都用 {n}达到 s_p ≥ {p}</translation>
    </message>
    <message>
        <source>{a} reaches s_p ≥ {p} in {k}; {b} has not reached s_p ≥ {p} in {n}</source>
        <translation>{a} 用 {k}达到 s_p ≥ {p}；{b} 在 {n}内未达到 s_p ≥ {p}</translation>
    </message>
    <message>
        <source>{a} starts at s_p ≥ {p}, {b} reaches it in {k}</source>
        <translation>{a} 的起点已满足 s_p ≥ {p}，{b} 用 {k}达到</translation>
    </message>
    <message>
        <source>{a} reaches s_p ≥ {p} in {k}, {b} in {m} ({r}× more)</source>
        <translation>{a} 用 {k}达到 s_p ≥ {p}，{b} 用 {m} 步（是其 {r} 倍）</translation>
    </message>
    <message>
        <source>computing the race… %p%</source>
        <translation>正在计算竞速… %p%</translation>
    </message>
    <message>
        <source>one rate for both</source>
        <translation>共用学习率</translation>
    </message>
    <message>
        <source>Moving either learning rate moves both</source>
        <translation>改动任一学习率，另一个随之改变</translation>
    </message>
    <message>
        <source>show on surfaces</source>
        <translation>在曲面上显示</translation>
    </message>
    <message>
        <source>Draw both paths on the surfaces and the simplex</source>
        <translation>在曲面和单纯形上画出两条路径</translation>
    </message>
    <message>
        <source>log step axis</source>
        <translation>步数轴取对数</translation>
    </message>
    <message>
        <source>log loss axis</source>
        <translation>损失轴取对数</translation>
    </message>
    <message>
        <source>Log-log (with the log step axis): MSE&apos;s plateau shows</source>
        <translation>双对数（配合步数轴取对数）：可以看清 MSE 的平台期</translation>
    </message>
    <message>
        <source>CE learning rate</source>
        <translation>CE 学习率</translation>
    </message>
    <message>
        <source>Learning rate η of the CE descent</source>
        <translation>CE 梯度下降的学习率 η</translation>
    </message>
    <message>
        <source>MSE learning rate</source>
        <translation>MSE 学习率</translation>
    </message>
    <message>
        <source>Learning rate η of the MSE descent</source>
        <translation>MSE 梯度下降的学习率 η</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>How many steps each descent runs</source>
        <translation>每次梯度下降运行的步数</translation>
    </message>
    <message>
        <source>target s_p ≥</source>
        <translation>目标 s_p ≥</translation>
    </message>
    <message>
        <source>A contestant has arrived at the first step with s_p at least this</source>
        <translation>参赛者在 s_p 首次不低于此值的那一步到达</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 后退</translation>
    </message>
    <message>
        <source>One step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>单步 ▶</translation>
    </message>
    <message>
        <source>One step forward</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the start, step 0</source>
        <translation>回到起点，第 0 步</translation>
    </message>
    <message>
        <source>Scrub through the steps</source>
        <translation>拖动以浏览各步</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>step {s} of {n}</source>
        <translation>第 {s} 步，共 {n} 步</translation>
    </message>
    <message>
        <source>Playback speed; log time plays 100,000 steps in ~10 s</source>
        <translation>播放速度；“对数时间”约 10 秒播完 100,000 步</translation>
    </message>
    <message>
        <source>log time</source>
        <translation>对数时间</translation>
    </message>
    <message>
        <source>True-class probability s_p</source>
        <translation>真实类别的概率 s_p</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Each contestant&apos;s loss</source>
        <translation>各参赛者的损失</translation>
    </message>
    <message>
        <source>target {p}</source>
        <translation>目标 {p}</translation>
    </message>
    <message>
        <source>step (log)</source>
        <translation>步数（对数）</translation>
    </message>
    <message>
        <source>loss (CE {ce}, MSE {mse})</source>
        <translation>损失（CE {ce}，MSE {mse}）</translation>
    </message>
    <message>
        <source> (log)</source>
        <translation>（对数）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>暂停（空格键）</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>播放（空格键）</translation>
    </message>
    <message>
        <source>Hover over a triangle to read a prediction; click or drag to set it.</source>
        <translation>鼠标悬停在三角形上可读取预测；点击或拖动可设置预测。</translation>
    </message>
    <message>
        <source>Cross-entropy over the probability triangle</source>
        <translation>概率三角形上的交叉熵</translation>
    </message>
    <message>
        <source>Squared error over the probability triangle</source>
        <translation>概率三角形上的平方误差</translation>
    </message>
    <message>
        <source>rest: %1 classes</source>
        <translation>其余：%1 个类别</translation>
    </message>
    <message>
        <source>%1 (j)</source>
        <translation>%1 (j)</translation>
    </message>
    <message>
        <source>(no third class)</source>
        <translation>（没有第三个类别）</translation>
    </message>
    <message>
        <source>rest</source>
        <translation>其余</translation>
    </message>
    <message>
        <source>CE on (s_p, s_j, rest)</source>
        <translation>(s_p, s_j, 其余) 上的 CE</translation>
    </message>
    <message>
        <source>MSE on (s_p, s_j, rest)</source>
        <translation>(s_p, s_j, 其余) 上的 MSE</translation>
    </message>
    <message>
        <source>CE = −log s_p</source>
        <translation>CE = −log s_p</translation>
    </message>
    <message>
        <source>MSE = Σ (s_k − y_k)²</source>
        <translation>MSE = Σ (s_k − y_k)²</translation>
    </message>
    <message>
        <source>With two classes every prediction lies on the left edge and both losses depend on s_p alone; the article&apos;s A and B need a third class.</source>
        <translation>只有两个类别时，所有预测都落在左边上，两种损失都只取决于 s_p；文章中的 A 和 B 需要第三个类别。</translation>
    </message>
    <message>
        <source>A and B give the true class the same probability, 0.8, so CE cannot tell them apart (both %1); MSE prefers A (%2 &lt; %3): it rewards spreading the wrong mass evenly, while CE looks only at the true class. The yellow dot is the current prediction.</source>
        <translation>A 和 B 给真实类别的概率相同，都是 0.8，所以 CE 无法区分它们（都是 %1）；MSE 偏好 A（%2 &lt; %3）：它奖励把错误的概率平均分摊，而 CE 只看真实类别。黄点是当前预测。</translation>
    </message>
    <message>
        <source>Here the bottom-right corner is the other %1 classes together, split as now.</source>
        <translation>这里右下角是其余 %1 个类别的合计，按当前比例分配。</translation>
    </message>
    <message>
        <source>OpenGL is not available (%1).</source>
        <translation>OpenGL 不可用（%1）。</translation>
    </message>
    <message>
        <source>OpenGL is not available on the &apos;%1&apos; display platform.</source>
        <translation>在“%1”显示平台上 OpenGL 不可用。</translation>
    </message>
    <message>
        <source>No OpenGL context could be created on this display.</source>
        <translation>无法在此显示器上创建 OpenGL 上下文。</translation>
    </message>
    <message>
        <source>CE loss L_CE</source>
        <translation>CE 损失 L_CE</translation>
    </message>
    <message>
        <source>MSE loss L_MSE</source>
        <translation>MSE 损失 L_MSE</translation>
    </message>
    <message>
        <source>CE gradient ∂L_CE/∂z_p</source>
        <translation>CE 梯度 ∂L_CE/∂z_p</translation>
    </message>
    <message>
        <source>MSE gradient ∂L_MSE/∂z_p</source>
        <translation>MSE 梯度 ∂L_MSE/∂z_p</translation>
    </message>
    <message>
        <source>3D surface</source>
        <translation>三维曲面</translation>
    </message>
    <message>
        <source>The 2D surfaces and every other view work as usual.</source>
        <translation>二维曲面和其他所有视图照常可用。</translation>
    </message>
    <message>
        <source>MSE barely learns here</source>
        <translation>MSE 在这里几乎学不动</translation>
    </message>
    <message>
        <source>y: the others, shifted together</source>
        <translation>y：其他对数几率一起平移</translation>
    </message>
    <message>
        <source>y: one competitor z_j</source>
        <translation>y：单个竞争类别 z_j</translation>
    </message>
    <message>
        <source>The competing class j in &apos;one competitor&apos; mode</source>
        <translation>“单个竞争类别”模式下的竞争类别 j</translation>
    </message>
    <message>
        <source>Surface range: </source>
        <translation>曲面范围：</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 个点</translation>
    </message>
    <message>
        <source>log |∂L/∂z_p| colours</source>
        <translation>按对数 |∂L/∂z_p| 着色</translation>
    </message>
    <message>
        <source>slow if |∂L_MSE/∂z_p| &lt; </source>
        <translation>学习缓慢：|∂L_MSE/∂z_p| &lt; </translation>
    </message>
    <message>
        <source>Outline where the model is wrong (s_p &lt; 0.5) yet MSE&apos;s gradient is below this</source>
        <translation>勾出模型判错（s_p &lt; 0.5）而 MSE 梯度却低于此值的区域</translation>
    </message>
    <message>
        <source>3D view…</source>
        <translation>三维视图…</translation>
    </message>
    <message>
        <source>Hover over a surface to read its values; click or drag to move there.</source>
        <translation>鼠标悬停在曲面上可读取数值；点击或拖动可移动到该处。</translation>
    </message>
    <message>
        <source>Race paths: CE solid, MSE dashed, from the current logits. The surfaces are those of the start: along a path the other logits move too.</source>
        <translation>竞速路径：CE 为实线，MSE 为虚线，从当前对数几率出发。曲面是起点处的曲面：沿着路径，其他对数几率也在变化。</translation>
    </message>
    <message>
        <source>Three blobs</source>
        <translation>三个团簇</translation>
    </message>
    <message>
        <source>Moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>Spirals</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>异或 (XOR)</translation>
    </message>
    <message>
        <source>Linear softmax</source>
        <translation>线性 softmax</translation>
    </message>
    <message>
        <source>16 tanh units</source>
        <translation>16 个 tanh 单元</translation>
    </message>
    <message>
        <source>Initial weights N(0, 1) × this scale: a large one starts the softmax saturated</source>
        <translation>初始权重为 N(0, 1) × 此尺度：尺度大时，softmax 一开始就饱和</translation>
    </message>
    <message>
        <source>one rate</source>
        <translation>共用学习率</translation>
    </message>
    <message>
        <source>Link the two learning rates: one moves both</source>
        <translation>联动两个学习率：改一个，另一个随之改变</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Easy start</source>
        <translation>温和初始化</translation>
    </message>
    <message>
        <source>Saturated start</source>
        <translation>饱和初始化</translation>
    </message>
    <message>
        <source>log epochs</source>
        <translation>轮次轴取对数</translation>
    </message>
    <message>
        <source>log loss</source>
        <translation>损失轴取对数</translation>
    </message>
    <message>
        <source>Back to epoch 0</source>
        <translation>回到第 0 轮</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>One epoch back</source>
        <translation>后退一轮</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play or pause the training (Space)</source>
        <translation>播放或暂停训练（空格键）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>One epoch forward</source>
        <translation>前进一轮</translation>
    </message>
    <message>
        <source>Colour: the predicted class; brighter: more confident. Click a point to see its logits in the logit editor.</source>
        <translation>颜色表示预测的类别，越亮越有把握。点击一个点，可在对数几率编辑器中查看它的对数几率。</translation>
    </message>
    <message>
        <source>Points the CE-trained network classifies right</source>
        <translation>用 CE 训练的网络分类正确的点</translation>
    </message>
    <message>
        <source>Points the MSE-trained network classifies right</source>
        <translation>用 MSE 训练的网络分类正确的点</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Initial weight scale</source>
        <translation>初始权重尺度</translation>
    </message>
    <message>
        <source>One learning rate for both</source>
        <translation>两者共用一个学习率</translation>
    </message>
    <message>
        <source>Epochs to run</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>CE %1 right</source>
        <translation>CE 正确率 %1</translation>
    </message>
    <message>
        <source>CE %1</source>
        <translation>CE %1</translation>
    </message>
    <message>
        <source>MSE %1 right</source>
        <translation>MSE 正确率 %1</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Trained with CE</source>
        <translation>用 CE 训练</translation>
    </message>
    <message>
        <source>Trained with MSE</source>
        <translation>用 MSE 训练</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>CE (nats)</source>
        <translation>CE（纳特）</translation>
    </message>
    <message>
        <source>MSE (sum)</source>
        <translation>MSE（求和）</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>% right</source>
        <translation>正确率（%）</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Initial scale</source>
        <translation>初始尺度</translation>
    </message>
    <message>
        <source>η CE</source>
        <translation>η CE</translation>
    </message>
    <message>
        <source>η MSE</source>
        <translation>η MSE</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>MSE %1</source>
        <translation>MSE %1</translation>
    </message>
    <message>
        <source>Epoch %1 / %2</source>
        <translation>第 %1 / %2 轮</translation>
    </message>
    <message>
        <source>true class (*): %1</source>
        <translation>真实类别（*）：%1</translation>
    </message>
    <message>
        <source>article&apos;s MSE term on z_p: %1</source>
        <translation>文章中 z_p 上的 MSE 项：%1</translation>
    </message>
    <message>
        <source>not within the race</source>
        <translation>竞速内未达到</translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation>%1 步</translation>
    </message>
    <message>
        <source>race to s_p &gt;= %1 (learning rates %2 / %3, at most %4 steps): CE %5, MSE %6</source>
        <translation>竞速到 s_p &gt;= %1（学习率 %2 / %3，最多 %4 步）：CE %5，MSE %6</translation>
    </message>
    <message>
        <source>Blank screen</source>
        <translation>空白屏幕</translation>
    </message>
    <message>
        <source>Press any key to return</source>
        <translation>按任意键返回</translation>
    </message>
</context>
<context>
    <name>Lesson</name>
    <message>
        <source>The article: why cross-entropy beats MSE</source>
        <translation>文章：为什么交叉熵优于 MSE</translation>
    </message>
    <message>
        <source>Cat, tiger or dog? The true class is cat; the model says tiger</source>
        <translation>猫、老虎还是狗？真实类别是猫，模型却说是老虎</translation>
    </message>
    <message>
        <source>A and B: the same CE, yet MSE prefers A&apos;s evenly spread mistake</source>
        <translation>A 与 B：CE 相同，MSE 却偏好 A 那种平均分摊的错误</translation>
    </message>
    <message>
        <source>MSE&apos;s gradient carries the softmax factor s_p(1 − s_p)</source>
        <translation>MSE 的梯度带有 softmax 的因子 s_p(1 − s_p)</translation>
    </message>
    <message>
        <source>CE&apos;s gradient is s_p − 1: strongest where the model is most wrong</source>
        <translation>CE 的梯度是 s_p − 1：模型错得越厉害，梯度越强</translation>
    </message>
    <message>
        <source>Confidently wrong, on a log scale: MSE&apos;s gradient all but vanishes</source>
        <translation>高置信度误判，用对数刻度看：MSE 的梯度几乎消失</translation>
    </message>
    <message>
        <source>The outlined region: the model is wrong, yet MSE barely learns</source>
        <translation>勾出的区域：模型判错了，MSE 却几乎学不动</translation>
    </message>
    <message>
        <source>The race from confidently wrong: CE needs 14 steps, MSE 9,825</source>
        <translation>从高置信度误判出发的竞速：CE 只需 14 步，MSE 要 9,825 步</translation>
    </message>
    <message>
        <source>The article&apos;s one-path MSE gradient beside the exact one</source>
        <translation>文章中的单路径 MSE 梯度与精确梯度对照</translation>
    </message>
</context>
</TS>
